/**
 * A few hand-written training examples in French, Spanish, Italian, Dutch and Polish
 * (`intent|text`), so the naive Bayes layer has seen their cue words. Separate from the test set.
 */
export const OTHER_TRAINING = String.raw`
help_explicit|@acme pouvez-vous m'aider ? ma tablette ne charge plus
help_explicit|@acme comment changer mon adresse e-mail ?
help_implicit|l'application plante à chaque ouverture depuis hier
help_implicit|mon casque ne se connecte plus à rien
complaint|service après-vente honteux, je suis furieux
complaint|jamais plus, quelle arnaque
purchase_intent|je compte acheter la tablette, ça vaut le coup ?
purchase_intent|combien coûte le modèle pro ?
praise|super produit, merci beaucoup acme
praise|j'adore mon nouveau casque, excellent
idea|ce serait génial d'avoir des widgets dans l'appli
other|acme ouvre un nouveau bureau à lyon
help_explicit|@acme ¿podéis ayudarme? mi tableta no carga
help_explicit|¿cómo cambio mi correo en la cuenta? @acme
help_implicit|la aplicación se cierra sola desde ayer
help_implicit|mis auriculares ya no se conectan
complaint|servicio pésimo, estoy harto, nunca más
purchase_intent|estoy pensando en comprar la tableta, ¿merece la pena?
purchase_intent|¿qué precio tiene el modelo pro?
praise|me encanta, gracias acme, todo perfecto
idea|sería genial tener widgets en la app
other|acme presenta sus resultados del trimestre
help_explicit|@acme potete aiutarmi? il tablet non si carica
help_explicit|come cambio la mia email? @acme
help_implicit|l'app si chiude da sola da ieri
help_implicit|le cuffie non si collegano più
complaint|servizio vergognoso, sono furioso, mai più
purchase_intent|sto pensando di comprare il tablet, conviene?
purchase_intent|che prezzo ha il modello pro?
praise|prodotto fantastico, grazie acme
idea|sarebbe fantastico avere i widget nell'app
other|acme apre un nuovo ufficio a roma
help_explicit|@acme kunnen jullie me helpen? mijn tablet laadt niet op
help_explicit|hoe wijzig ik mijn e-mailadres? @acme
help_implicit|de app crasht sinds gisteren steeds
help_implicit|mijn koptelefoon maakt geen verbinding meer
complaint|waardeloze service, ik ben woedend, nooit meer
purchase_intent|ik denk erover de tablet te kopen, is hij het waard?
purchase_intent|hoeveel kost het pro model?
praise|geweldig product, bedankt acme
idea|het zou handig zijn als de app widgets had
other|acme opent een nieuw kantoor in utrecht
help_explicit|@acme pomożecie? tablet się nie ładuje
help_explicit|jak zmienić adres e-mail? @acme
help_implicit|aplikacja zamyka się od wczoraj
help_implicit|słuchawki już się nie łączą
complaint|fatalna obsługa, jestem wściekły, nigdy więcej
purchase_intent|myślę o kupnie tabletu, czy warto?
purchase_intent|jaka jest cena modelu pro?
praise|świetny produkt, dziękuję acme
idea|fajnie by było mieć widżety w aplikacji
other|acme otwiera nowe biuro w krakowie
`
