import { groupThousands, type PhraseBook } from './types'

export const de: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, könnt ihr helfen? {neg}',
      '{at} {problem}. Was kann ich tun?',
      'Hallo {at}, {problem}. Habt ihr eine Idee, woran das liegt?',
      '{at} hi, {problem}. Ist das ein bekanntes Problem?',
      '{at} {problem} – Reset hab ich schon probiert. Was noch? {neg}',
      '{at} bitte um Hilfe, {problem} und ich brauch das morgen dringend für die Arbeit',
      'Kann mir jemand vom {at} Support helfen? {Problem}. {tag}',
      '^{at} {problem}. Muss ich das einschicken?',
      '{at} gibt es schon einen Fix? {Problem}.',
      '^{at} {problem}. Ist noch Garantie drauf – wie läuft die Reparatur?',
      '{at} hab euch vor {dur} geschrieben: {problem}. Gibt’s was Neues?',
      '{at} kurze Frage: {problem}. Wer kann mir da weiterhelfen?',
      '{at} Hilfe! {Problem} {neg}',
      'Hallo {at}, {problem}, und das {time}. Gibt es einen Workaround?'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Toller Start in den Tag {neg}',
      '{Problem}. Zum dritten Mal diese Woche.',
      'Na super. {Problem}. {neg}',
      'Natürlich genau vor meiner Präsentation: {problem} {neg}',
      '{Problem}… und ich hab das Teil erst seit {dur} {neg}',
      'Nicht schon wieder. {Problem}. {tag}',
      '{Problem}. Liegt das an mir? {tag}',
      'Tja, {problem}. Dann eben heute mit dem alten Gerät',
      'Tag 3: {problem}. {neg}',
      'Ich sag’s mal so: {problem}. {neg}',
      'Also {problem}. Wunderbar. {neg}'
    ],
    complaint: [
      'Ich hab echt die Nase voll von {brand}. {Problem} und der Support meldet sich seit {dur} nicht. {neg}',
      'Nie wieder {brand}. {Problem}. {neg} {tag}',
      '{at} seit {dur} warte ich auf eine Antwort vom Support. Das ist ein Witz.',
      'So viel Geld für {my} und dann das: {problem}. Inakzeptabel, {at}. {neg}',
      'Überlege ernsthaft, zu {rival} zu wechseln. Der {brand} Support ist eine Katastrophe {neg}',
      'Die Qualität bei {brand} geht echt den Bach runter. {Problem}, schon wieder. {neg}',
      'Drittes Ticket, null Antworten. Danke für nichts, {at} {neg}',
      '{at} 40 Minuten in der Warteschleife. Ernsthaft?',
      'Wie kann {brand} immer noch Updates rausbringen, die alles kaputt machen? {neg} {tag}',
      'Premiumpreise, aber Software auf Beta-Niveau. {Problem}. Danke, {brand}. {neg}',
      '^Reparatur hat über zwei Wochen gedauert und jetzt: {problem}, schon wieder. Ich bin raus, {brand}.',
      '^{at} hab {my} vor {dur} eingeschickt. Keine Info, keine Antwort. Lächerlich.',
      'Kundenservice bei {brand}? Gibt’s nicht. {neg}',
      'Genau deshalb wechseln Leute zu {rival}, liebe {brand}-Leute. {Problem}. {neg}'
    ],
    purchase_intent: [
      'Überlege, mir {product} zu holen. Oder doch {comp}? Lohnt sich das?',
      'Nutzt hier jemand {product}? Bin kurz davor zuzuschlagen {neu}',
      '{product} oder {comp}? Kann mich nicht entscheiden. Meinungen?',
      'Weiß jemand, wann {product} mal im Angebot ist?',
      '^Was kostet {product} gerade bei {shop}?',
      '{at} gibt es einen Studentenrabatt auf {product}?',
      'Will endlich upgraden. Lohnt sich {product} oder lieber auf den Nachfolger warten?',
      '^Hab {product} heute bei {shop} in der Hand gehabt. Sehr verlockend… {neu}',
      'Bei meinem {comp} ist bald Schluss. Wechseln zu {product}? {neu}',
      '^{at} wann ist {product} wieder lieferbar?',
      'Hat jemand Erfahrungen mit {product}? Überlege zu kaufen {neu}',
      'Suche Empfehlungen: {product} oder {comp}? {tag}',
      '{at} wie einfach ist der Umstieg von {comp} auf {product}?'
    ],
    praise: [
      'Ich liebe {my}. {Good} {pos}',
      'Okay {brand}, ihr habt mich überzeugt. {Good}. {pos}',
      'Großes Lob an den {at} Support, Problem in {quick} gelöst! {pos}',
      '{Good}. Bester Kauf des Jahres {pos} {tag}',
      'Muss mal gesagt werden: {good}. {pos}',
      '{at} wollte einfach mal danke sagen, {good} {pos}',
      'Nach einem Monat mit {product}: {good}. {pos}',
      'Von {comp} auf {product} gewechselt und {good}. {pos}',
      'Ehre, wem Ehre gebührt: Der {brand} Support hat mein Problem in {quick} gelöst. {pos}',
      'Hätte ich nicht erwartet, aber {good}. {pos} {tag}',
      'Sehr zufrieden 👌 {Good}.',
      'Ehrliches Fazit nach ein paar Wochen: {good}. Klare Empfehlung. {pos}'
    ],
    idea: [
      '{at} bitte bringt {feature}!',
      'Wünsche mir {feature} für {product}. {tag}',
      'Idee für {brand}: {feature}. Wer ist dabei?',
      '{at} ist {feature} geplant? Dann wäre {product} perfekt',
      'Feature-Wunsch an {at}: {feature} {pos}',
      'Liebes {brand}-Team, {feature} wäre ein echter Gamechanger.',
      'Wenn {brand} {feature} einbaut, schau ich {rival} nie wieder an',
      '{at} ich mag {my}, aber {feature} würde alles noch besser machen',
      'Warte immer noch auf {feature}, {at} {neu}',
      'Unpopuläre Meinung: Mir fehlt bei {brand} immer noch {feature}. {tag}'
    ],
    other: [
      '{brand} hat heute Quartalszahlen veröffentlicht, Umsatz plus {pct}',
      'Schaut noch jemand heute Abend das {brand}-Event? {neu}',
      '^Unboxing von {product} gleich im Stream {neu}',
      'Heute in der S-Bahn Werbung für {product} gesehen',
      '{rival} teasert den Nachfolger vom {comp}. Interessantes Timing…',
      'Lese in der Mittagspause einen Test zu {product}',
      '^Gewinnspiel! {product} gewinnen: folgen, teilen, Link in Bio 🎁',
      '^Günstige Hüllen für {product}, 70 % Rabatt, Link in Bio!!! {tag}',
      '{brand} sucht Leute in Berlin, hab gerade die Stellenanzeige gesehen',
      'Gerücht: {brand} arbeitet an einem Foldable. Was meint ihr?',
      'Kaffee, {my} und ein verregneter Sonntag {neu}',
      '{brand} vs {rival} – die ewige Diskussion im Gruppenchat {neu}',
      '{rival} senkt den Preis für {comp} um 100 Euro',
      'Hab gerade {my} für meine Mutter eingerichtet. Mal sehen, wie das läuft {neu}',
      'Wusstet ihr, dass das {brand}-Logo ein Leuchtturm sein soll?',
      'Podcast über die Lieferketten von {brand} gehört. Echt spannend',
      'Wochenendprojekt: Kabelmanagement am Schreibtisch {neu}',
      'Ist {brand} eigentlich ein deutsches Unternehmen? Frage für einen Freund',
      '^Im Café sitzen gerade drei Leute mit {product} {neu}',
      'Lese gerade einen Artikel über die neue {brand}-Fabrik in Polen',
      'Spannender Thread über die Marktanteile von {brand} und {rival} {tag}'
    ]
  },
  influencer: [
    'Neues Video: Ich habe {product} 30 Tage lang benutzt. Mein ehrliches Fazit 👇',
    'Test: {product} gegen {comp}. Einer hat mich überrascht.',
    'Kurzes Fazit zu {product}: {good}, aber perfekt ist das nicht. Ausführlicher Test heute Abend.',
    'Eine Woche mit {product}. Thread 🧵',
    'Umfrage: {brand} oder {rival} für euer nächstes Gerät?',
    'Neue Podcastfolge: Wir sprechen über die Strategie von {brand} und über {product}',
    'Ich hab 1.000 von euch zu {product} befragt. Die Ergebnisse 📊'
  ],
  replies: {
    problem: {
      help_implicit: [
        '{parent} hier genauso, {problem} {neg}',
        '{parent} gleiches Problem {time}. {neg}',
        '{parent} du bist nicht allein, bei mir auch: {problem}'
      ],
      complaint: [
        '{parent} +1. {at} das wird langsam lächerlich',
        '{parent} gleiche Erfahrung. Der {brand} Support war bei mir auch nutzlos {neg}'
      ],
      other: [
        '{parent} schon mal 30 Sekunden den Power-Knopf gedrückt? Hat bei mir geholfen',
        '{parent} schau mal ins {brand}-Forum, da gibt’s einen Workaround',
        '{parent} oh nein, das tut mir leid'
      ]
    },
    positive: {
      praise: ['{parent} absolut, {good} {pos}', '{parent} kann ich nur bestätigen {pos}'],
      other: ['{parent} haha nice', '{parent} sieht gut aus {pos}', '{parent} 😂', '{parent} so sieht’s aus'],
      purchase_intent: [
        '{parent} was hast du dafür bezahlt?',
        '{parent} wo hast du das gekauft? Suche auch gerade',
        '{parent} lohnt sich das gegenüber {comp}?'
      ]
    }
  },
  outage: {
    help_explicit: [
      '{at} {oclause}. Gibt es eine Störung? {neg}',
      '{at} ist das ein bekanntes Problem? {Oclause} {otag}',
      '{at} wann gibt es einen Fix? {Oclause}. {neg}',
      '{at} {oclause}. Was soll ich jetzt machen??',
      '{at} gibt es eine Statusseite? {Oclause}'
    ],
    help_implicit: [
      'Bin ich der Einzige oder {oclause}? {otag}',
      '{Oclause}. Super. {neg}',
      '{Oclause}. Dann geh ich halt raus heute {otag}',
      'Sieht so aus, als wär’s nicht nur bei mir: {oclause} {neg}'
    ],
    complaint: [
      '{Oclause} und kein Wort von {brand}. Inakzeptabel. {otag}',
      'Wie kann man so was verbocken, {at}? {Oclause}. {neg} {otag}',
      '{brand}, testet euren Kram bitte, bevor ihr ihn ausliefert. {Oclause}. {otag}',
      'Stundenlang Ausfall und immer noch kein Statusupdate. {at} ernsthaft? {otag}',
      'Ich zahle dafür und {oclause}. Reicht. {neg}'
    ],
    other: [
      'Die Meldungen häufen sich: Probleme mit {otopic} bei vielen Nutzern {otag}',
      'Die {otag} Memes heute sind Gold 😂',
      'Der Störungsmelder zeigt gerade einen riesigen Ausschlag bei {brand} {otag}'
    ]
  },
  outageThemes: {
    cloud: {
      clause: [
        '{product} ist down',
        '{product} synchronisiert nicht',
        '{product} zeigt nur Fehler 503',
        'ich komme nicht in die {product}',
        '{product} lädt keine meiner Dateien'
      ],
      // Used after "mit" (dative).
      topic: ['der {product}']
    },
    update: {
      clause: [
        'mein {product} hängt seit Update {ver} in einer Bootschleife',
        'mein {product} startet seit dem {ver}-Update nicht mehr',
        'das Update {ver} hat mein {product} gebrickt',
        'mein {product} startet seit dem Update heute Nacht ständig neu'
      ],
      topic: ['dem Update {ver}', 'der Firmware {ver}']
    }
  },
  launch: {
    other: [
      '{brand} hat gerade {launch} vorgestellt {neu} {ltag}',
      'Liveticker: alles, was {brand} heute gezeigt hat, inklusive {launch}',
      '{launch} offiziell: {price}, ab nächsten Monat erhältlich',
      '{launch} ist offiziell. {rival} dürfte nervös werden',
      'Schaue gerade die {brand} Keynote, {launch} sieht schick aus {ltag}'
    ],
    purchase_intent: [
      '{launch} für {price}? Vielleicht rüste ich doch auf {neu}',
      'Ich bestelle {launch} vor, sobald es geht',
      '{at} ab wann kann man {launch} vorbestellen?',
      '{launch} oder auf den Nachfolger von {comp} warten? Hmm {neu}'
    ],
    praise: [
      '{launch} sieht einfach fantastisch aus {pos}',
      'Gut gemacht, {brand}, {launch} ist genau das, was ich wollte {pos}'
    ],
    idea: ['{at} schöner Launch, aber bitte bringt {feature} auch für {launch}'],
    complaint: ['{price} für {launch}?? Ernsthaft, {brand}? {neg}', '{price} für {launch} ist einfach nur gierig, {brand} {neg}']
  },
  kinds: {
    laptop: {
      my: ['mein {product}', 'mein neues {product}'],
      problem: [
        'mein {product} startet nicht mehr',
        'mein {product} fährt seit dem letzten Update nicht mehr hoch',
        'der Akku von meinem {product} ist nach 3 Stunden leer',
        'mein {product} wird total heiß und der Lüfter dreht durch',
        'das Display von meinem {product} flackert {time}',
        'das WLAN bei meinem {product} bricht ständig ab',
        '{nth} Absturz heute seit dem Update',
        'mein {product} hängt beim Logo fest',
        'das Touchpad von meinem {product} reagiert {time} nicht mehr',
        'mein {product} wacht nicht mehr aus dem Standby auf',
        'mein {product} lädt nicht mehr mit dem Originalnetzteil'
      ],
      // Singular noun phrases only: templates use them as subject and as object.
      feature: [
        'eine Ladebegrenzung auf 80 %',
        'ein mattes Display als Option',
        'eine zusätzliche USB-C-Buchse',
        'offizielle Linux-Unterstützung',
        'eine leise Lüfterkurve',
        'eine hellere Tastaturbeleuchtung'
      ],
      good: [
        'der Akku hält locker einen ganzen Arbeitstag',
        'die Tastatur ist die beste, die ich je hatte',
        'das {product} ist in 5 Sekunden hochgefahren',
        'das Display ist der Wahnsinn',
        'das Ding ist selbst unter Last flüsterleise'
      ]
    },
    phone: {
      my: ['mein {product}', 'mein neues {product}'],
      problem: [
        'mein {product} geht nicht mehr an',
        'die Kamera-App auf meinem {product} stürzt jedes Mal ab',
        'mein {product} wird beim Laden extrem heiß',
        'der Akku von meinem {product} ist {time} mittags schon leer',
        'mein {product} verliert ständig das 5G-Netz',
        'mein {product} startet einfach so neu',
        '{nth} Absturz heute seit dem Update',
        'Face Unlock auf meinem {product} geht nicht mehr',
        'mein {product} lädt nur noch bis 80 %',
        'das Display von meinem {product} hat {time} einen Grünstich'
      ],
      feature: [
        'eine Anrufaufzeichnung',
        'ein echtes Always-on-Display',
        'eine längere Update-Garantie',
        'eine Kamera mit 3-fach-Zoom',
        'eine Akkuanzeige in Prozent'
      ],
      good: [
        'die Kamera vom {product} ist bei Nacht der Hammer',
        'der Akku hält easy zwei Tage',
        'das {product} ist das schnellste Handy, das ich je hatte',
        'das Display ist sogar in der prallen Sonne gut lesbar',
        'das {product} liegt perfekt in der Hand'
      ]
    },
    buds: {
      my: ['meine {product}', 'meine neuen {product}'],
      problem: [
        'meine {product} verbinden sich nicht mehr mit dem Laptop',
        'der linke Earbud meiner {product} verliert ständig die Verbindung',
        'das Noise Cancelling meiner {product} knackt',
        'das Case von meinen {product} lädt nicht mehr',
        'meine {product} spielen nur noch auf einer Seite',
        'meine {product} verlieren {time} alle paar Minuten die Verbindung',
        'das Mikro meiner {product} klingt in Calls furchtbar'
      ],
      feature: [
        'Multipoint für Handy und Laptop gleichzeitig',
        'eine Equalizer-Funktion in der App',
        'eine Ortungsfunktion für verlorene Earbuds',
        'kabelloses Laden fürs Case',
        'eine Version in Dunkelgrün'
      ],
      good: [
        'das Noise Cancelling ist unfassbar gut',
        'die klingen viel besser als meine alten',
        'der Akku hält einen ganzen Flug durch',
        'die sitzen perfekt und fallen beim Joggen nicht raus',
        'das Koppeln hat zwei Sekunden gedauert'
      ]
    },
    cloud: {
      my: ['meine {product}', 'mein {product}-Abo'],
      problem: [
        '{product} synchronisiert {time} nicht mehr',
        'meine Fotos in der {product} sind weg',
        'ich komme {time} nicht mehr in mein {product}-Konto',
        '{product} hat mir diesen Monat doppelt abgebucht',
        'das Backup in die {product} schlägt jede Nacht fehl',
        '{product} sagt, mein Speicher sei voll, obwohl ich nur 20 GB nutze',
        '{product} meldet mich ständig ab'
      ],
      feature: [
        'eine Familienfreigabe',
        'Ende-zu-Ende-Verschlüsselung für alle Dateien',
        'eine Linux-App',
        'ein günstigeres 100-GB-Abo',
        'eine Freigabe von Alben ohne Konto'
      ],
      good: [
        '{product} läuft einfach, alle Fotos sind auf allen Geräten',
        'die Wiederherstellung aus der {product} hat fünf Minuten gedauert',
        'die Web-App der {product} ist schnell und aufgeräumt',
        '{product} hat meine Masterarbeit gerettet, als der Laptop gestorben ist'
      ]
    }
  },
  words: {
    time: [
      'seit heute Morgen',
      'seit gestern',
      'seit dem Update',
      'seit gestern Abend',
      'seit zwei Tagen',
      'schon wieder',
      'seit Montag',
      'die ganze Woche'
    ],
    // After "seit" / "vor" (dative).
    dur: ['3 Tagen', 'einer Woche', 'zwei Wochen', '48 Stunden', '5 Tagen', '10 Tagen'],
    quick: ['10 Minuten', 'einer Viertelstunde', 'unter einer Stunde', 'einem Tag'],
    shop: ['MediaMarkt', 'Saturn', 'Amazon', 'Cyberport', 'Otto'],
    nth: ['zweiter', 'dritter', 'vierter', 'fünfter'],
    pct: ['3 %', '5 %', '8 %', '12 %']
  },
  price: (euros) => `${groupThousands(euros, '.')} €`
}
