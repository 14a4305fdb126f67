/// Danish translations of ``englishOutputTexts``.
let danishOutputTexts: [String: String] = [
    // Outputs that are not ordinary files, or are open in another program
    "output.notRegularFile": "--{0} peger på {1}, ikke på en almindelig fil; Sparring skriver kun sine resultater i filer",
    "output.notRegularFile.hint": "giv et filnavn, fx --{0} {1}.",
    "output.example.out": "grupper.csv",
    "output.example.json": "resultat.json",
    "output.example.report": "rapport.html",
    "output.example.groups-out": "brevfletning.csv",
    "output.kind.device": "en enhed eller en af systemets filer (som /dev/stdout eller /dev/null)",
    "output.kind.pipe": "en pipe",
    "output.kind.socket": "en socket",
    "output.kind.loop": "en kæde af genveje, der aldrig ender i en fil",
    "output.openInExcel": "--{0}: {1} er åben i Excel (Excels låsefil {2} ligger ved siden af)",
    "output.openInExcel.hint": "luk filen i Excel, og kør igen. Hvis Excel ikke er åben, så slet {0}, som Excel har efterladt.",
    "output.openInLibreOffice": "--{0}: {1} er åben i LibreOffice (dens låsefil {2} ligger ved siden af)",
    "output.openInLibreOffice.hint": "luk filen i LibreOffice, og kør igen. Hvis LibreOffice ikke er åben, så slet {0}, som LibreOffice har efterladt.",
    "output.locked": "--{0}: {1} kan ikke åbnes til skrivning: {2}",
    "output.locked.hint": "luk den i Excel (eller det program, der har den åben), eller gør den skrivbar, og kør igen; eller gem under et andet filnavn.",
    "output.reason.busy": "filen bruges af et andet program",
    // Output names in a format Sparring cannot write
    "output.format": "--{0} {1}: Sparring kan ikke skrive {2}-filer",
    "output.format.hint": "kald filen {0} (en Excel-projektmappe, som Excel, Numbers og LibreOffice kan åbne) eller {1} (CSV).",
    "output.format.csvOnly.hint": "kald filen {0} (CSV, som Excel kan åbne).",
    // Usage errors that depend on the roster
    "usage.unknownTypology": "ukendt typologi '{0}'",
    "usage.unknownTypology.hint": "brug lokal, tværgående, sektor eller bred (på engelsk: local, cross, sector eller broad).",
    // sparring template
    "template.wrote.en": "skrev en tom lederliste med {0} engelske kolonneoverskrifter til {1}",
    "template.wrote.da": "skrev en tom lederliste med {0} danske kolonneoverskrifter til {1}",
    "template.next": "udfyld én række pr. leder, og kør så: sparring check {0}",
]
