/**
 * Hand-written German training examples for the naive Bayes layer: `intent|text`, one a line.
 * Written independently of the test set and of the demo generator's phrases.
 */
export const DE_TRAINING = String.raw`
help_explicit|@acme könnt ihr mir helfen? mein tablet bleibt nach dem laden schwarz
help_explicit|hallo @acme, wie ändere ich die e-mail adresse in meinem konto?
help_explicit|@acme kopfhörer verbinden sich nicht mit dem fernseher, was kann ich tun?
help_explicit|könntet ihr bitte nachschauen wo meine bestellung bleibt?
help_explicit|@acme wie mache ich ein firmware update am lautsprecher?
help_explicit|@acme brauche hilfe, die app will einen code den ich nie bekommen habe
help_explicit|@acme wo finde ich die seriennummer?
help_explicit|@acme meine erstattung ist immer noch nicht da, könnt ihr das prüfen?
help_explicit|kann mir jemand vom acme support mit der ladebuchse helfen?
help_explicit|@acme kann ich meine lizenz auf einen neuen laptop übertragen?
help_explicit|@acme bitte helft mir, das touchpad geht nicht und ich hab eine deadline
help_explicit|wie kündige ich mein abo? @acme
help_explicit|@acme was mache ich wenn das gerät beim starten hängen bleibt?
help_explicit|@acme gibt es einen weg meine alten sicherungen zurückzuholen?
help_explicit|@acme schickt ihr mir bitte ein retourenetikett
help_explicit|hallo support, wie schalte ich die zwei faktor anmeldung aus?
help_explicit|@acme die sendungsnummer funktioniert nicht, könnt ihr mal schauen?
help_explicit|@acme wisst ihr wann der fehler beim login behoben wird?
help_explicit|@acme wie richte ich die neue uhr ein? die kopplung klappt nicht
help_explicit|@acme warum ist mein konto gesperrt? bitte entsperren
help_explicit|@acme passt das ladegerät vom alten modell auch für das neue?
help_explicit|@acme an wen wende ich mich bei einem beschädigten paket?
help_explicit|brauche eure hilfe @acme, das update lässt sich nicht installieren
help_explicit|@acme gibts eine anleitung für die einrichtung? finde nichts
help_implicit|mein tablet ist während dem film viermal neu gestartet
help_implicit|der lautsprecher geht nach zehn minuten einfach aus
help_implicit|seit gestern zeigt die app nur noch einen weißen bildschirm
help_implicit|kopfhörer knacken links, fing letzte woche an
help_implicit|komme nicht mehr rein, der code kommt nie an
help_implicit|benachrichtigungen funktionieren seit dem letzten update nicht mehr
help_implicit|mikrofon der ohrhörer geht bei anrufen nicht mehr
help_implicit|speicher voll obwohl ich die hälfte gelöscht hab
help_implicit|display hat jetzt einen grünen streifen
help_implicit|zweites mal diese woche dass der sync fehlschlägt
help_implicit|die uhr vibriert nicht mehr
help_implicit|der touchscreen reagiert seit dem update kaum noch
help_implicit|der download bricht immer bei 99% ab
help_implicit|bluetooth trennt sich ständig
help_implicit|app stürzt jedes mal ab wenn ich die einstellungen öffne
help_implicit|laden dauert ewig seit dem letzten patch
help_implicit|fotos werden nicht hochgeladen, steht nur warten da
help_implicit|laptop wacht nicht mehr aus dem ruhezustand auf
help_implicit|die lautstärketasten gehen nicht mehr
help_implicit|hat noch jemand einen schwarzen bildschirm bei der neuen version?
help_implicit|das update hat meinen wecker kaputt gemacht
help_implicit|ton setzt bei videos immer wieder aus, nervt
help_implicit|handy wird total warm obwohl es nur rumliegt
help_implicit|funktioniert seit heute früh nicht mehr richtig
complaint|das dritte mal dass ich schreibe und niemanden interessiert es. unmögliche firma
complaint|nie wieder kaufe ich bei acme, reine geldverschwendung
complaint|euer kundenservice ist eine katastrophe
complaint|absolut inakzeptabel, zweimal wurde mir ein rückruf versprochen
complaint|was für eine abzocke, die hülle ist nach zwei tagen kaputt
complaint|ich will mein geld zurück, das produkt ist müll
complaint|schämt euch, so geht man nicht mit treuen kunden um
complaint|bin so sauer, nach der reparatur ist es schlimmer
complaint|die schlimmste erfahrung die ich je mit einer firma hatte
complaint|na super, wieder ein update das alles kaputt macht. danke auch
complaint|miese qualität für den preis, finger weg
complaint|ernsthaft acme? jetzt kosten grundfunktionen extra? armselig
complaint|bin echt enttäuscht, hab viel mehr erwartet
complaint|abo gekündigt, ihr habt einen kunden verloren
complaint|der mitarbeiter war unverschämt und hat einfach aufgelegt
complaint|wie kann ein gerät für 1000 euro so schnell kaputt gehen? lächerlich
complaint|hab die nase voll vom warten auf den ersatz
complaint|eure hotline ist ein albtraum, eine stunde warteschleife
complaint|warum ignoriert ihr meine mails? unterirdisch
complaint|überteuert und enttäuschend, ein totaler reinfall
complaint|klasse, der dritte defekt in einem monat. gut gemacht
complaint|diese ständigen ausfälle gehen mir auf die nerven
complaint|doppelt abgebucht und keine erstattung. skandal
complaint|null sterne wenn es ginge
complaint|eine zumutung ist das
purchase_intent|überlege das neue tablet zu kaufen, erfahrungen?
purchase_intent|lohnt sich die pro version für den aufpreis?
purchase_intent|was kostet das modell mit 1tb?
purchase_intent|tablet oder laptop fürs studium, was würdet ihr empfehlen?
purchase_intent|will dieses jahr ein neues handy, welches soll ich nehmen?
purchase_intent|@acme gibt es einen rabatt für lehrer?
purchase_intent|gibt es den lautsprecher auch in weiß? will zwei bestellen
purchase_intent|hat jemand die uhr gekauft? überlege sie mir zu holen
purchase_intent|wo bekomme ich die ohrhörer am günstigsten?
purchase_intent|wie teuer ist das jahresabo?
purchase_intent|soll ich das kleine oder das große modell nehmen?
purchase_intent|welcher kopfhörer hat den besseren akku, bin am vergleichen
purchase_intent|suche einen gaming laptop unter 1500, vorschläge?
purchase_intent|kommt bald ein sale? warte mit dem kauf
purchase_intent|ab wann kann man das neue modell vorbestellen?
purchase_intent|empfehlt mir ein gutes handy für fotos
purchase_intent|lohnt sich der wechsel von meiner alten marke?
purchase_intent|kann mich nicht zwischen basis und premium tarif entscheiden
purchase_intent|gibt es eine eintauschprämie wenn ich ein neues kaufe?
purchase_intent|möchte eins verschenken, welche version ist besser?
purchase_intent|gibt es diese woche gute angebote für die ohrhörer?
purchase_intent|wie schlägt es sich preislich gegen die konkurrenz?
praise|das support team war großartig, vielen dank
praise|liebe diesen lautsprecher, bester kauf dieses jahr
praise|wow der akku hält ewig
praise|super zufrieden mit meinem neuen tablet
praise|schnelle lieferung und tolle verpackung, danke
praise|die app ist einfach schön, gute arbeit
praise|kopfhörer in zwei tagen ersetzt, klasse service
praise|bin echt beeindruckt von der verarbeitung
praise|fünf sterne, kann ich jedem empfehlen
praise|meine uhr ist perfekt, nichts zu meckern
praise|danke @acme für die schnelle hilfe!
praise|das neue update ist genial, alles läuft schneller
praise|bester kundenservice den ich kenne
praise|der klang ist ehrlich gesagt unglaublich
praise|großes lob an das team, tolles produkt
praise|läuft einfach. liebe es
praise|so froh dass ich mich für den laptop entschieden hab
praise|die kamera ist der hammer, die fotos sehen toll aus
praise|preis leistung top
praise|danke an die nette mitarbeiterin die das gelöst hat
praise|seit drei jahren kein einziges problem, super gerät
idea|wäre toll wenn die app widgets hätte
idea|macht bitte das ladekabel länger
idea|idee: geräte in der app umbenennen können
idea|hätte gern eine option notizen als pdf zu exportieren
idea|ihr solltet einen sleeptimer für den lautsprecher einbauen
idea|wünsche mir ein always on display für die uhr
idea|vorschlag: ein familien dashboard für den geteilten speicher
idea|könnt ihr bitte mehr sprachen in der app anbieten
idea|wie wäre es mit der hülle in mehr farben?
idea|offline karten wären super
idea|bitte das alte layout als option zurückbringen
idea|eine einstellung um das blinkende licht auszuschalten wäre schön
idea|bietet doch ersatzteile für selbstreparatur an
idea|ich fände einen günstigeren tarif mit weniger speicher gut
idea|die app braucht eine suche in den einstellungen
idea|lasst uns bitte die gesten anpassen
idea|wäre praktisch wenn es mit meinem kalender synchronisiert
idea|warum kann man das tastaturlayout nicht umstellen?
other|neue tablets heute auf dem event vorgestellt
other|guten morgen allerseits, schönen freitag
other|schaut jemand heute abend das spiel?
other|tech news: chips, handys und mehr
other|gewinnspiel! folgen und teilen zum mitmachen
other|die firma meldet höhere umsätze im quartal
other|gerade von der arbeit heim, müde
other|was macht ihr am wochenende?
other|artikel: die geschichte der tragbaren musikplayer
other|acme eröffnet ein neues büro in wien
other|schaut auf meinem kanal vorbei für tägliche tech videos
other|haha dieses meme über laptops ist so wahr
other|das wetter ist heute furchtbar
other|konferenz startet morgen, man sieht sich
other|schnell geld verdienen von zuhause, klick den link
other|lese gerade über das neue chip design
other|welchen podcast hört ihr auf dem weg zur arbeit?
other|der livestream zum launch ist um 19 uhr
other|unboxing video kommt bald
other|spannendes interview mit dem chef
`
