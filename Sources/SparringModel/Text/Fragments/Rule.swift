// TRANSITION fragment: folded into English.swift and Danish.swift at the end.

/// The score rules' texts in English: the rules table (title and measure), broken hard rules and notes per
/// group, and the set-up problems of the composition rules. Keys are `rule.` and the rule (`rule.atMost.…`);
/// `rule.common.…` are shared by several rules.
let englishRuleTexts: [String: String] = [
    // Shared. An attribute is named by its English role name in English and by the roster's own header in
    // Danish (argument 0 and 1); `{1||}` writes nothing and only keeps the two texts' placeholders alike.
    "rule.common.attribute": "{0}{1||}",
    "rule.common.hard": "hard",
    "rule.common.weight": "weight {0}",
    "rule.common.titleAlike": "{0} (weight {1}, alike)",
    "rule.common.titleDifferent": "{0} (weight {1}, different)",
    "rule.common.noColumn": "--{0} {1}: the roster has no column {2}",
    "rule.common.noColumns": "use one of: (none).",
    "rule.common.useOneOf": "use one of: {0}.",

    // Attribute pairs
    "rule.attributePairs.measure": "{0} same-value pairs vs {1} at random",

    // Numeric spread
    "rule.numericSpread.measure": "spread {0}% of a random grouping's",
    "rule.numericSpread.unknown": "spread n/a of a random grouping's",

    // Lone member
    "rule.loneMember.title": "{0} no lone member (weight {1})",
    "rule.loneMember.none": "no group has a lone member",
    "rule.loneMember.groups": "{0|{0} group has|{0} groups have} a lone member",
    "rule.loneMember.note": "{0} is the only one with {1} {2}",

    // At most
    "rule.atMost.title": "at most per group sharing a value: {0} ({1})",
    "rule.atMost.limit": "{0} {1}",
    "rule.atMost.kept": "kept in every group",
    "rule.atMost.over": "{0} {0|group|groups} over the limit by {1} {1|member|members} in all",
    "rule.atMost.shared": "{0} share {1} {2}: {3} (at most {4})",
    "rule.atMost.sharedHidden": "{0} members share one value of {1} (at most {2})",
    "rule.atMost.numeric": "--at-most {0}: {1} holds numbers, not values that members share",
    "rule.atMost.numeric.hint": "use --at-most with a column of labels such as unit or district, or --balance for numbers.",
    "rule.atMost.value": "{0} {1}",
    "rule.atMost.valueHidden": "one value of {0}",
    "rule.atMost.tooMany": "--at-most {0}: {1} leaders have {2}, but {3} groups hold at most {4} of them",
    "rule.atMost.tooMany.hint": "allow more per group (--at-most {0}={1}), more groups, or make the rule soft with --at-most-weight.",

    // At least
    "rule.atLeast.threshold": "{0} ≥ {1}",
    "rule.atLeast.number": "{0} {1}",
    "rule.atLeast.value": "{0} {1}",
    "rule.atLeast.someValue": "VALUE",
    "rule.atLeast.title": "at least {0|one|{0}} with {1} in every group (weight {2})",
    "rule.atLeast.metEverywhere": "met in all {0} groups",
    "rule.atLeast.met": "met in {0} of {1} groups",
    "rule.atLeast.metTooFew": "met in {0} of {1} groups (the {2} holders suffice for {3})",
    "rule.atLeast.nobodyInGroup": "nobody with {0}",
    "rule.atLeast.tooFewInGroup": "only {0} with {1} ({2} wanted)",
    "rule.atLeast.holders": "with {0}: {1}",
    "rule.atLeast.labels": "--at-least {0}: {1} holds labels, not numbers, so '>=' has no meaning",
    "rule.atLeast.labels.hint": "name one value instead, e.g. --at-least {0}={1}.",
    "rule.atLeast.notNumber": "--at-least {0}: {1} holds numbers, and {2} is not one",
    "rule.atLeast.notNumber.hint": "give a number, or a threshold: --at-least {0}>=10.",
    "rule.atLeast.noValue": "--at-least {0}: no leader has {1} {2}",
    "rule.atLeast.noValue.hint": "use one of the values in the roster: {0}.",
    "rule.atLeast.nobody": "--at-least {0}: no leader in the roster qualifies ({1})",
    "rule.atLeast.nobody.hint": "check the value or the threshold against the roster.",
    "rule.atLeast.tooManyPerGroup": "--at-least {0}: {1} per group is more than the largest group size {2}, so no group can meet it",
    "rule.atLeast.tooManyPerGroup.hint": "ask for at most {0} per group, or raise --max-size.",
    "rule.atLeast.tooFew": "--at-least {0}: {1} {1|leader qualifies|leaders qualify} ({2}), enough for {3} of the {4} groups; the others will miss {5|one|some}",
    "rule.atLeast.tooFew.hint": "accept it, ask for fewer per group, or use fewer groups.",

    // Balance
    "rule.balance.title": "{0} balanced (weight {1})",
    "rule.balance.measure": "group means {0}–{1} around {2} overall",
    "rule.balance.note": "mean {0} {1} (overall {2})",
    "rule.balance.labels": "--balance {0}: {1} holds labels, not numbers, so it has no mean",
    "rule.balance.labels.hint": "use --balance with a numeric column such as seniority or age, or --weight {0}=-2 to mix its values.",
    "rule.balance.fewValues": "--balance {0}: {1} has fewer than two values, so there is nothing to balance",
    "rule.balance.oneValue": "--balance {0}: {1} has the same value for everyone, so there is nothing to balance",
    "rule.balance.nothing.hint": "drop --balance {0}, or fill in the column.",

    // Pure groups
    "rule.pureGroups.title": "pure groups (same {0}, weight {1})",
    "rule.pureGroups.measure": "{0} of {1} leaders in pure groups",
    "rule.pureGroups.pure": "pure: everyone shares {0} ({1})",
    "rule.pureGroups.notPure": "not pure: {0}",
    "rule.pureGroups.values": "{0} ({1})",
    "rule.pureGroups.manyValues": "{0} ({1} values: {2})",
    "rule.pureGroups.valueCount": "{0} {1}",
    "rule.pureGroups.empty": "{0} without a value",
    "rule.pureGroups.hidden": "{0} ({1} {1|value|values})",
    "rule.pureGroups.hiddenWithEmpty": "{0} ({1} {1|value|values}, {2} without a value)",

    // Group sizes and pins
    "rule.groupSizes.outside": "{0} members; sizes must be {1} to {2}",
    "rule.pins.elsewhere": "{0} is pinned to group {1}",

    // Keep together
    "rule.keepTogether.title": "keep together ({0})",
    "rule.keepTogether.measure": "{0} of {1} sets together",
    "rule.keepTogether.part": "{0} in group {1}",
    "rule.keepTogether.splitWhere": "keep-together set {0} is split: {1}",
    "rule.keepTogether.split": "keep-together set {0} is split",

    // Meeting again
    "rule.meetingAgain.title": "meeting again (weight {0}, {1} earlier {1|round|rounds})",
    "rule.meetingAgain.measure": "{0} {0|pair|pairs} meet again ({1} from the last round)",
    "rule.meetingAgain.measureVsRandom": "{0} {0|pair|pairs} meet again ({1} from the last round) vs about {2} at random",
    "rule.meetingAgain.repeat": "{0} and {1}: were in the same group last round (no repeats)",
    "rule.meetingAgain.metLastRound": "{0} and {1} met before (in the last round)",
    "rule.meetingAgain.metEarlier": "{0} and {1} met before (in an earlier round)",

    // Meeting days
    "rule.meetingDays.title": "a shared meeting day ({0}, {1})",
    "rule.meetingDays.allShare": "every group shares a day",
    "rule.meetingDays.noneShared": "{0} {0|group has|groups have} no day in common",
    "rule.meetingDays.canAllMeet": "can all meet: {0}",
    "rule.meetingDays.bestDay": "no day suits everyone: {0} suits {1} of {2}, not {3}",
    "rule.meetingDays.bestDayHidden": "no day suits everyone ({0} of {1} share the best one)",
    "rule.meetingDays.useColumn": "use one of its columns: {0}.",
    "rule.meetingDays.tooMany": "--meet {0}: the column {1} holds more than 64 different days or places",
    "rule.meetingDays.tooMany.hint": "use a column of meeting days or places, separated by '|', e.g. mandag|onsdag.",
    "rule.meetingDays.empty": "--meet {0}: the column {1} is empty for every leader",
    "rule.meetingDays.empty.hint": "fill in the days each leader can meet, separated by '|', e.g. mandag|onsdag.",
    "rule.meetingDays.stranded": "{0} {0|leader has|leaders have} no meeting day that {1} others share, so no group of {2} can meet: {3}",
    "rule.meetingDays.strandedMore": "{0} {0|leader has|leaders have} no meeting day that {1} others share, so no group of {2} can meet: {3} and {4} more",
    "rule.meetingDays.stranded.hint": "add days for them in {0}, form their network separately, or make the rule soft with --meet-weight.",
    "rule.meetingDays.flexible": "{0} {0|leader has|leaders have} no days in {1} and {0|is|are} taken to be able to meet any day",
    "rule.meetingDays.flexible.hint": "fill in their days if that is not so.",

    // Separations
    "rule.separations.reportingLine": "{0} and {1}: loyalty conflict (reporting line)",
    "rule.separations.named": "{0} and {1}: loyalty conflict (named in the roster)",

    // Stability
    "rule.stability.title": "stability (weight {0})",
    "rule.stability.measure": "{0} of {1} previous group-mate pairs still together",

    // Wishes
    "rule.wishes.title": "wishes (weight {0})",
    "rule.wishes.measure": "{0} of {1} granted",
    "rule.wishes.granted": "wish granted: {0} is with {1}",
    "rule.wishes.notGranted": "wish not granted: {0} wished for {1} (group {2})",
]

/// The score rules' texts in Danish: the keys of ``englishRuleTexts``.
let danishRuleTexts: [String: String] = [
    // Fælles. En egenskab nævnes med lederlistens egen kolonneoverskrift (argument 1).
    "rule.common.attribute": "{1}{0||}",
    "rule.common.hard": "hård regel",
    "rule.common.weight": "vægt {0}",
    "rule.common.titleAlike": "{0} (vægt {1}, ens)",
    "rule.common.titleDifferent": "{0} (vægt {1}, blandet)",
    "rule.common.noColumn": "--{0} {1}: lederlisten har ingen kolonne {2}",
    "rule.common.noColumns": "tilføj kolonnen til lederlisten.",
    "rule.common.useOneOf": "brug en af: {0}.",

    // Par med samme værdi
    "rule.attributePairs.measure": "{0} par med samme værdi mod {1} ved tilfældig gruppering",

    // Spredning
    "rule.numericSpread.measure": "spredning {0} % af en tilfældig gruppering",
    "rule.numericSpread.unknown": "spredningen kan ikke sammenlignes med en tilfældig gruppering",

    // Ingen står alene
    "rule.loneMember.title": "{0}: ingen står alene (vægt {1})",
    "rule.loneMember.none": "ingen gruppe har et medlem, der står alene",
    "rule.loneMember.groups": "{0|{0} gruppe har|{0} grupper har} et medlem, der står alene",
    "rule.loneMember.note": "{0} er den eneste i gruppen med {2} som {1}",

    // Højst
    "rule.atMost.title": "højst pr. gruppe med samme værdi: {0} ({1})",
    "rule.atMost.limit": "{0} {1}",
    "rule.atMost.kept": "overholdt i alle grupper",
    "rule.atMost.over": "{0} {0|gruppe|grupper} over grænsen, i alt {1} for mange",
    "rule.atMost.shared": "{0} har {2} som {1}: {3} (højst {4})",
    "rule.atMost.sharedHidden": "{0} medlemmer har samme {1} (højst {2})",
    "rule.atMost.numeric": "--at-most {0}: {1} indeholder tal, ikke værdier som medlemmerne kan have til fælles",
    "rule.atMost.numeric.hint": "brug --at-most med en kolonne med betegnelser, fx enhed eller distrikt, eller --balance til tal.",
    "rule.atMost.value": "{1} som {0}",
    "rule.atMost.valueHidden": "samme {0}",
    "rule.atMost.tooMany": "--at-most {0}: {1} ledere har {2}, men {3} {3|gruppe|grupper} kan højst rumme {4} af dem",
    "rule.atMost.tooMany.hint": "tillad flere pr. gruppe (--at-most {0}={1}), brug flere grupper, eller gør reglen blød med --at-most-weight.",

    // Mindst
    "rule.atLeast.threshold": "{0} ≥ {1}",
    "rule.atLeast.number": "{0} = {1}",
    "rule.atLeast.value": "{1} som {0}",
    "rule.atLeast.someValue": "VÆRDI",
    "rule.atLeast.title": "mindst {0|én|{0}} med {1} i hver gruppe (vægt {2})",
    "rule.atLeast.metEverywhere": "opfyldt i alle {0} grupper",
    "rule.atLeast.met": "opfyldt i {0} af {1} grupper",
    "rule.atLeast.metTooFew": "opfyldt i {0} af {1} grupper ({2|den ene leder, der opfylder den, rækker|de {2} ledere, der opfylder den, rækker} kun til {3})",
    "rule.atLeast.nobodyInGroup": "ingen med {0}",
    "rule.atLeast.tooFewInGroup": "kun {0} med {1} (der skal være {2})",
    "rule.atLeast.holders": "med {0}: {1}",
    "rule.atLeast.labels": "--at-least {0}: {1} indeholder betegnelser, ikke tal, så '>=' giver ingen mening",
    "rule.atLeast.labels.hint": "angiv i stedet én værdi, fx --at-least {0}={1}.",
    "rule.atLeast.notNumber": "--at-least {0}: {1} indeholder tal, og {2} er ikke et tal",
    "rule.atLeast.notNumber.hint": "angiv et tal eller en grænse, fx --at-least {0}>=10.",
    "rule.atLeast.noValue": "--at-least {0}: ingen leder har {2} som {1}",
    "rule.atLeast.noValue.hint": "brug en af værdierne i lederlisten: {0}.",
    "rule.atLeast.nobody": "--at-least {0}: ingen leder i lederlisten opfylder betingelsen ({1})",
    "rule.atLeast.nobody.hint": "tjek værdien eller grænsen op mod lederlisten.",
    "rule.atLeast.tooManyPerGroup": "--at-least {0}: {1} pr. gruppe er flere end den største gruppestørrelse på {2}, så ingen gruppe kan opfylde reglen",
    "rule.atLeast.tooManyPerGroup.hint": "bed om højst {0} pr. gruppe, eller hæv --max-size.",
    "rule.atLeast.tooFew": "--at-least {0}: {1} {1|leder opfylder|ledere opfylder} betingelsen ({2}), nok til {3} af de {4} grupper; de øvrige kommer til at mangle {5|én|nogle}",
    "rule.atLeast.tooFew.hint": "acceptér det, bed om færre pr. gruppe, eller brug færre grupper.",

    // Jævn fordeling
    "rule.balance.title": "{0} jævnt fordelt (vægt {1})",
    "rule.balance.measure": "gennemsnit pr. gruppe {0}–{1}, samlet gennemsnit {2}",
    "rule.balance.note": "gennemsnitlig {0} {1} (samlet {2})",
    "rule.balance.labels": "--balance {0}: {1} indeholder betegnelser, ikke tal, og har derfor intet gennemsnit",
    "rule.balance.labels.hint": "brug --balance med en kolonne med tal, fx anciennitet eller alder, eller --weight {0}=-2 for at blande værdierne.",
    "rule.balance.fewValues": "--balance {0}: {1} har færre end to værdier, så der er intet at fordele",
    "rule.balance.oneValue": "--balance {0}: {1} har samme værdi for alle, så der er intet at fordele",
    "rule.balance.nothing.hint": "fjern --balance {0}, eller udfyld kolonnen.",

    // Rene grupper
    "rule.pureGroups.title": "rene grupper (samme {0}, vægt {1})",
    "rule.pureGroups.measure": "{0} af {1} ledere i rene grupper",
    "rule.pureGroups.pure": "ren: alle har samme {0} ({1})",
    "rule.pureGroups.notPure": "ikke ren: {0}",
    "rule.pureGroups.values": "{0} ({1})",
    "rule.pureGroups.manyValues": "{0} ({1} værdier: {2})",
    "rule.pureGroups.valueCount": "{0} {1}",
    "rule.pureGroups.empty": "{0} uden værdi",
    "rule.pureGroups.hidden": "{0} ({1} {1|værdi|værdier})",
    "rule.pureGroups.hiddenWithEmpty": "{0} ({1} {1|værdi|værdier}, {2} uden værdi)",

    // Gruppestørrelser og fastlåste ledere
    "rule.groupSizes.outside": "{0} {0|medlem|medlemmer}; gruppestørrelsen skal være mellem {1} og {2}",
    "rule.pins.elsewhere": "{0} er låst til gruppe {1}",

    // Holdes samlet
    "rule.keepTogether.title": "holdes samlet ({0})",
    "rule.keepTogether.measure": "{0} af {1} sæt holdt samlet",
    "rule.keepTogether.part": "{0} i gruppe {1}",
    "rule.keepTogether.splitWhere": "{0} skal holdes samlet, men er delt: {1}",
    "rule.keepTogether.split": "{0} skal holdes samlet, men er delt",

    // Mødes igen
    "rule.meetingAgain.title": "mødes igen (vægt {0}, {1} {1|tidligere runde|tidligere runder})",
    "rule.meetingAgain.measure": "{0} par mødes igen ({1} fra sidste runde)",
    "rule.meetingAgain.measureVsRandom": "{0} par mødes igen ({1} fra sidste runde) mod ca. {2} ved tilfældig gruppering",
    "rule.meetingAgain.repeat": "{0} og {1}: var i samme gruppe i sidste runde (ingen gentagelser)",
    "rule.meetingAgain.metLastRound": "{0} og {1} har været i gruppe sammen før (i sidste runde)",
    "rule.meetingAgain.metEarlier": "{0} og {1} har været i gruppe sammen før (i en tidligere runde)",

    // Mødedage
    "rule.meetingDays.title": "en fælles mødedag ({0}, {1})",
    "rule.meetingDays.allShare": "alle grupper har en fælles dag",
    "rule.meetingDays.noneShared": "{0} {0|gruppe har|grupper har} ingen fælles dag",
    "rule.meetingDays.canAllMeet": "kan alle mødes: {0}",
    "rule.meetingDays.bestDay": "ingen dag passer alle: {0} passer {1} af {2}, ikke {3}",
    "rule.meetingDays.bestDayHidden": "ingen dag passer alle (den bedste passer {0} af {1})",
    "rule.meetingDays.useColumn": "brug en af lederlistens kolonner: {0}.",
    "rule.meetingDays.tooMany": "--meet {0}: kolonnen {1} indeholder mere end 64 forskellige dage eller steder",
    "rule.meetingDays.tooMany.hint": "brug en kolonne med mødedage eller mødesteder adskilt af '|', fx mandag|onsdag.",
    "rule.meetingDays.empty": "--meet {0}: kolonnen {1} er tom for alle ledere",
    "rule.meetingDays.empty.hint": "udfyld de dage, hver leder kan mødes, adskilt af '|', fx mandag|onsdag.",
    "rule.meetingDays.stranded": "{0} {0|leder har|ledere har} ingen mødedag fælles med {1} andre, så ingen gruppe på {2} kan mødes: {3}",
    "rule.meetingDays.strandedMore": "{0} {0|leder har|ledere har} ingen mødedag fælles med {1} andre, så ingen gruppe på {2} kan mødes: {3} og {4} andre",
    "rule.meetingDays.stranded.hint": "tilføj dage for dem i {0}, lav et netværk for dem for sig, eller gør reglen blød med --meet-weight.",
    "rule.meetingDays.flexible": "{0} {0|leder har|ledere har} ingen dage i {1} og regnes for at kunne mødes alle dage",
    "rule.meetingDays.flexible.hint": "udfyld deres dage, hvis det ikke passer.",

    // Loyalitetskonflikter
    "rule.separations.reportingLine": "{0} og {1}: loyalitetskonflikt (nærmeste leder og medarbejder)",
    "rule.separations.named": "{0} og {1}: loyalitetskonflikt (angivet i lederlisten)",

    // Stabilitet
    "rule.stability.title": "stabilitet (vægt {0})",
    "rule.stability.measure": "{0} af {1} par fra de tidligere grupper er stadig sammen",

    // Ønsker
    "rule.wishes.title": "ønsker (vægt {0})",
    "rule.wishes.measure": "{0} af {1} opfyldt",
    "rule.wishes.granted": "ønske opfyldt: {0} er i gruppe med {1}",
    "rule.wishes.notGranted": "ønske ikke opfyldt: {0} ønskede at komme i gruppe med {1} (gruppe {2})",
]
