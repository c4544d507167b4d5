import { groupThousands, type PhraseBook } from './types'

export const fr: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, vous pouvez m’aider ? {neg}',
      'Bonjour {at}, {problem}. Une idée de ce que je peux faire ?',
      '{at} {problem}. C’est un problème connu ?',
      '{at} {problem}, j’ai déjà essayé de réinitialiser. Que faire ? {neg}',
      '{at} je vous ai écrit il y a {dur} : {problem}. Des nouvelles ?',
      '{at} au secours ! {Problem} {neg}',
      '^{at} {problem}. Je dois l’envoyer en réparation ?'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Super début de journée {neg}',
      'Pas encore… {problem}. {tag}',
      '{Problem}. Acheté il y a {dur} seulement {neg}',
      'Bon. {Problem}. Je ressors mon vieux matos',
      '{Problem}, pour la troisième fois cette semaine.'
    ],
    complaint: [
      'J’en ai marre de {brand}. {Problem} et le SAV ne répond pas depuis {dur}. {neg}',
      'Plus jamais {brand}. {Problem}. {neg}',
      '{at} {dur} sans réponse du support. C’est une blague ?',
      'Je pense passer chez {rival}. Le service client de {brand} est une catastrophe {neg}',
      'Payer aussi cher pour {my} et voilà : {problem}. Inacceptable, {at}',
      '{at} 40 minutes d’attente au téléphone. Sérieusement ?'
    ],
    purchase_intent: [
      'J’hésite entre le {product} et le {comp}, des avis ?',
      'Quelqu’un utilise le {product} ? Je pense l’acheter {neu}',
      '^Le {product} est à combien chez {shop} en ce moment ?',
      '{at} il y a une réduction étudiante sur le {product} ?',
      'Ça vaut le coup, le {product} ? Ou j’attends le prochain ?',
      'Mon {comp} rend l’âme. Je passe au {product} ? {neu}'
    ],
    praise: [
      'J’adore {my}. {Good} {pos}',
      'Bravo {brand}, {good} {pos}',
      'Merci au support {at}, problème réglé en {quick} ! {pos}',
      'Un mois avec le {product} : {good}. {pos}',
      'Passé du {comp} au {product} et {good}. {pos}'
    ],
    idea: [
      '{at} s’il vous plaît, ajoutez {feature} !',
      'Idée pour {brand} : {feature}. Qui est d’accord ?',
      '{at} {feature}, c’est prévu ? Ce serait parfait',
      'Ce serait top d’avoir {feature}, {at} {pos}'
    ],
    other: [
      '{brand} annonce un chiffre d’affaires en hausse de {pct}',
      'Quelqu’un regarde la conférence {brand} ce soir ? {neu}',
      '^Unboxing du {product} ce soir en live {neu}',
      'Vu une pub pour le {product} dans le métro',
      '{rival} baisse le prix du {comp} de 100 euros',
      '^Concours ! Gagnez un {product} : abonnez-vous et partagez 🎁',
      'Café, {my} et un dimanche pluvieux {neu}',
      'Rumeur : {brand} travaillerait sur un smartphone pliable',
      '{brand} ou {rival}, le débat éternel entre potes {neu}'
    ]
  },
  influencer: [
    'Nouvelle vidéo : j’ai utilisé le {product} pendant 30 jours. Mon avis honnête 👇',
    'Comparatif : {product} contre {comp}. L’un des deux m’a surpris.',
    'Premier avis sur le {product} : {good}, mais tout n’est pas parfait. Test complet ce soir.',
    'Sondage : {brand} ou {rival} pour votre prochain appareil ?'
  ],
  replies: {
    problem: {
      help_implicit: ['{parent} pareil ici, {problem} {neg}', '{parent} même souci {time}'],
      complaint: ['{parent} +1. {at} ça devient ridicule'],
      other: [
        '{parent} tu as essayé de maintenir le bouton power 30 secondes ? Ça a marché pour moi',
        '{parent} courage 😕'
      ]
    },
    positive: {
      praise: ['{parent} carrément, {good} {pos}'],
      other: ['{parent} haha', '{parent} trop bien {pos}'],
      purchase_intent: ['{parent} tu l’as payé combien ?', '{parent} tu l’as acheté où ?']
    }
  },
  outage: {
    help_explicit: ['{at} {oclause}. Il y a une panne ? {neg}', '{at} c’est un problème connu ? {Oclause} {otag}'],
    help_implicit: ['C’est moi ou {oclause} ? {otag}', '{Oclause}. Génial. {neg}'],
    complaint: [
      '{Oclause} et aucun message de {brand}. Inadmissible. {otag}',
      'Je paie pour ça et {oclause}. Ras-le-bol. {neg}'
    ],
    other: ['Les signalements s’accumulent : problèmes avec {otopic} pour beaucoup d’utilisateurs {otag}']
  },
  outageThemes: {
    cloud: {
      clause: ['{product} est en panne', '{product} ne synchronise plus', 'impossible de me connecter à {product}'],
      topic: ['{product}']
    },
    update: {
      clause: [
        'mon {product} redémarre en boucle depuis la mise à jour {ver}',
        'mon {product} ne démarre plus depuis la {ver}'
      ],
      topic: ['la mise à jour {ver}']
    }
  },
  launch: {
    other: ['{brand} vient d’annoncer le {launch} {neu} {ltag}', '{launch} officiel : {price}, disponible le mois prochain'],
    purchase_intent: [
      'Le {launch} à {price} ? Je vais peut-être craquer {neu}',
      '{at} quand est-ce qu’on peut précommander le {launch} ?'
    ],
    praise: ['Le {launch} est magnifique {pos}'],
    idea: ['{at} beau lancement, mais ajoutez {feature} au {launch} svp'],
    complaint: ['{price} pour le {launch} ?? Sérieusement, {brand} ? {neg}']
  },
  kinds: {
    laptop: {
      my: ['mon {product}', 'mon nouveau {product}'],
      problem: [
        'mon {product} ne démarre plus',
        'la batterie de mon {product} se vide en 3 heures',
        'mon {product} chauffe énormément et le ventilateur tourne sans arrêt',
        'l’écran de mon {product} clignote {time}',
        '{nth} plantage aujourd’hui depuis la mise à jour'
      ],
      feature: ['une limite de charge à 80 %', 'un écran mat en option', 'plus de ports USB-C'],
      good: ['la batterie tient toute la journée', 'le clavier est génial', 'l’écran est magnifique']
    },
    phone: {
      my: ['mon {product}', 'mon nouveau {product}'],
      problem: [
        'mon {product} ne s’allume plus',
        'l’appareil photo de mon {product} plante à chaque ouverture',
        'mon {product} chauffe pendant la charge',
        'mon {product} redémarre tout seul {time}',
        '{nth} plantage aujourd’hui depuis la mise à jour'
      ],
      feature: ['l’enregistrement des appels', 'un vrai écran always-on', 'des mises à jour plus longues'],
      good: ['l’appareil photo est incroyable de nuit', 'la batterie tient deux jours', 'il est super fluide']
    },
    buds: {
      my: ['mes {product}'],
      problem: [
        'mes {product} ne se connectent plus à mon ordi',
        'l’écouteur gauche de mes {product} se déconnecte sans arrêt',
        'la réduction de bruit de mes {product} grésille',
        'le boîtier de mes {product} ne charge plus'
      ],
      feature: ['le multipoint', 'un égaliseur dans l’appli', 'la recharge sans fil pour le boîtier'],
      good: [
        'la réduction de bruit est bluffante',
        'le son est bien meilleur qu’avec mes anciens',
        'ils tiennent parfaitement pendant le sport'
      ]
    },
    cloud: {
      my: ['mon compte {product}'],
      problem: [
        '{product} ne synchronise plus {time}',
        'mes photos ont disparu de {product}',
        'impossible de me connecter à {product} {time}',
        '{product} m’a facturé deux fois ce mois-ci'
      ],
      feature: ['le partage familial', 'le chiffrement de bout en bout', 'une offre 100 Go moins chère'],
      good: [
        '{product} marche tout simplement',
        'la restauration depuis {product} a pris cinq minutes',
        '{product} a sauvé mon mémoire quand mon ordi a lâché'
      ]
    }
  },
  words: {
    time: [
      'depuis ce matin',
      'depuis hier',
      'depuis la mise à jour',
      'depuis hier soir',
      'depuis deux jours',
      'encore aujourd’hui'
    ],
    dur: ['3 jours', 'une semaine', 'deux semaines', '5 jours'],
    quick: ['10 minutes', 'un seul appel', 'moins d’une heure'],
    shop: ['la Fnac', 'Darty', 'Boulanger', 'Amazon'],
    nth: ['deuxième', 'troisième', 'quatrième'],
    pct: ['3 %', '5 %', '8 %']
  },
  price: (euros) => `${groupThousands(euros, ' ')} €`
}
