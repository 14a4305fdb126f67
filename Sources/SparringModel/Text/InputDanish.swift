/// Teksterne om indlæsning, hvor intet må gå tabt i stilhed (relationskolonner, personer uden for lederlisten,
/// tegnsæt, varianter af værdier, begrænsede regneark), på dansk. Samme nøgler som ``englishInputTexts``.
let danishInputTexts: [String: String] = [
    // Kolonner, der nævnes med tilvalg
    "input.noSuchColumn": "--{0} nævner kolonnen {1}, men lederlisten har ingen kolonne med det navn; kolonnerne hedder {2}",
    "input.columnNamedTwice": "--{0} og --{1} nævner begge kolonnen {2}",
    "input.columnNamedTwice.hint": "sig én gang, hvad kolonnen rummer: nærmeste leder, konflikter, ønsker eller en almindelig egenskab.",
    "input.noSuchColumn.hint": "skriv overskriften, som den står i første række (store og små bogstaver og mellemrum er lige meget).",
    // En kolonne med personer, der læses som en almindelig egenskab
    "input.peopleColumn": "kolonnen {0} ser ud til at rumme personer ({1}), men den læses som en almindelig egenskab, så der ville ikke komme nogen relation ud af den",
    "input.peopleColumn.byCells": "{0} af {1} udfyldte celler nævner ledere fra lederlisten, fx {2} {3}",
    "input.peopleColumn.byHeader": "overskriften lyder som en relation, og {0} {0|celle|celler} nævner en leder fra lederlisten, fx {1}",
    "input.onLine": "på linje {0}",
    "input.onRow": "i række {0}",
    "input.peopleColumn.hint.manager": "sig hvilken kolonne der er nærmeste leder: --manager-column {0}; er det kun en oplysning, så sig det: --attribute-column {0}.",
    "input.peopleColumn.hint.conflicts": "sig hvilken kolonne der rummer konflikterne: --conflicts-column {0}; er det kun en oplysning, så sig det: --attribute-column {0}.",
    "input.peopleColumn.hint.wishes": "sig hvilken kolonne der rummer ønskerne: --wishes-column {0}; er det kun en oplysning, så sig det: --attribute-column {0}.",
    "input.peopleColumn.hint.unknown": "rummer den hver leders nærmeste leder, konflikter eller ønsker, så sig hvilken: --manager-column {0}, --conflicts-column {0} eller --wishes-column {0}; er det kun en oplysning (en mentor, en tovholder), så sig det: --attribute-column {0}.",
    // Personer i relationsceller, som ikke er på lederlisten
    "input.didYouMean": "; mente du {0}?",
    "input.unknownOne": "{0} {1}{2} er ikke på lederlisten{3}",
    "input.unknownShared": "{0} {1} for {2} ledere ({3}) er ikke på lederlisten{4}",
    "input.unknownMore": "… og {0} {1} mere i {2} er ikke på lederlisten: {3}",
    "input.unknown.hint.suggest": "ret navnet; eller, hvis {0} med vilje ikke er på lederlisten, så sig det: --outside {1}.",
    "input.unknown.hint.top": "er {0} øverst i ledelseslinjen og skal ikke i en gruppe (en direktør), så sig det: --outside {1}, eller skriv {2} i cellerne; ellers skal personen tilføjes til lederlisten.",
    "input.unknown.hint": "ret id'et eller navnet, eller tilføj personen til lederlisten; er personen med vilje ikke med (en direktør, en leder, der er stoppet), så sig det: --outside {0}.",
    "input.outside.summary": "uden for lederlisten med vilje ({1}): {0}",
    "input.cause.orOutside": "{0} Er de med vilje ikke på lederlisten, så sig det: --outside {1}.",
    "input.outsideInRoster": "--outside nævner {0}, som er på lederlisten: en celle med {0} betyder den leder",
    "input.outsideInRoster.hint": "tag personen ud af --outside, eller ret navnet.",
    "input.lines": "linje {0}{1}",
    "input.rows": "række {0}{1}",
    // Gentagne problemer
    "input.repeated": "{0}; det samme i {1} rækker: {2}",
    "input.repeatedLike": "{0}; det samme gælder {1} {1|række|rækker} mere: {2}",
    "input.emptyIDColumn": "id-kolonnen er tom i alle {0} rækker",
    "input.emptyIDColumn.hint": "skriv et entydigt id for hver leder (et medarbejdernummer, eller bare 1, 2, 3 …); tjek, at det er den rigtige kolonne, der hedder \"id\" eller \"nr\".",
    // Stoppet
    "input.interrupted": "indlæsningen blev stoppet (Ctrl-C); intet er skrevet",
    // Begrænsede regneark
    "input.xlsx.tooMuchText": "cellerne i arket {0} rummer mere end {1} tekst, mere end en lederliste kan rumme",
    "input.xlsx.tooMuchText.hint": "tjek, at du har valgt den rigtige fil; er det lederlisten, så kopiér lederne over i en ny projektmappe, eller gem arket som \"CSV UTF-8 (kommasepareret) (*.csv)\".",
    "input.xlsx.stringTooLong": "tekst nummer {0} i projektmappen er længere end de {1} tegn, Excel tillader i en celle",
    // Tegnsæt
    "input.encoding.unclear": "filen er ikke UTF-8, og bogstaverne kan ikke læses som dansk i nogen af de ældre tegnsæt, Excel gemmer i (Windows-1252, Mac Roman, DOS): linje {0} ser sådan ud i Windows-1252: {1}",
    "input.encoding.ambiguous": "filen er ikke UTF-8, og den kan læses på mere end én måde i de ældre tegnsæt: linje {0} er {1} i {2}, men {3} i {4}",
    "input.encoding.hint": "åbn filen i Excel, og gem den som \"CSV UTF-8 (kommasepareret) (*.csv)\" (Filer › Gem som); så læser Sparring alle bogstaver, som de blev skrevet.",
    // Varianter af værdier
    "input.variants.abbreviation": "kolonnen {0}: {1} ligner den samme værdi skrevet på forskellige måder, men de tæller som forskellige værdier",
    "input.variants.abbreviation.hint": "skriv hver værdi ens i alle rækker, fx ved at erstatte {0} med {1} (Excel: Startside › Søg og vælg › Erstat, med \"Match hele celleindholdet\").",
    "input.variants.case": "kolonnen {0}: {1} er den samme værdi skrevet på forskellige måder; de tæller som én og vises som {2}",
    "input.variants.case.hint": "erstat {0} med {1}, så den samme stavemåde står overalt (intet går tabt, som det er).",
    "input.variants.value": "{0} ({1}×)",
    "input.variants.join": "{0}; {1}",
]
