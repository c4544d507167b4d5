import type { PhraseBook } from './types'

export const es: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, ¿me podéis ayudar? {neg}',
      'Hola {at}, {problem}. ¿Qué puedo hacer?',
      '{at} {problem}. ¿Es un problema conocido?',
      '{at} {problem}, ya he probado a restablecerlo. ¿Alguna idea? {neg}',
      '{at} os escribí hace {dur}: {problem}. ¿Alguna novedad?',
      '{at} ¡ayuda! {Problem} {neg}',
      '^{at} {problem}. ¿Tengo que mandarlo a reparar?'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Genial forma de empezar el día {neg}',
      'Otra vez no… {problem}. {tag}',
      '{Problem}. Y lo compré hace {dur} {neg}',
      'Pues nada, {problem}. Hoy toca tirar del viejo',
      '{Problem}, y ya van tres veces esta semana.'
    ],
    complaint: [
      'Estoy harto de {brand}. {Problem} y el soporte no contesta desde hace {dur}. {neg}',
      'Nunca más {brand}. {Problem}. {neg}',
      '{at} {dur} esperando respuesta del soporte. Vergonzoso.',
      'Me estoy pensando pasarme a {rival}. La atención al cliente de {brand} es un desastre {neg}',
      'Pagar tanto por {my} para esto: {problem}. Inaceptable, {at}',
      '{at} 40 minutos en espera al teléfono. ¿En serio?'
    ],
    purchase_intent: [
      'Dudando entre el {product} y el {comp}, ¿merece la pena?',
      '¿Alguien usa el {product}? Estoy pensando en comprarlo {neu}',
      '^¿Cuánto cuesta el {product} en {shop} ahora mismo?',
      '{at} ¿hay descuento para estudiantes en el {product}?',
      '¿Vale la pena el {product} o espero al siguiente?',
      'Mi {comp} está en las últimas. ¿Me paso al {product}? {neu}'
    ],
    praise: [
      'Me encanta {my}. {Good} {pos}',
      'Bien hecho, {brand}: {good} {pos}',
      'Gracias al soporte de {at}, problema resuelto en {quick} {pos}',
      'Un mes con el {product}: {good}. {pos}',
      'Cambié el {comp} por el {product} y {good}. {pos}'
    ],
    idea: [
      '{at} por favor, añadid {feature}',
      'Idea para {brand}: {feature}. ¿Quién se apunta?',
      '{at} ¿tenéis pensado añadir {feature}? Sería perfecto',
      'Ojalá {brand} añada {feature} {pos}'
    ],
    other: [
      '{brand} anuncia que sus ventas suben un {pct}',
      '¿Alguien va a ver el evento de {brand} esta noche? {neu}',
      '^Unboxing del {product} esta tarde en directo {neu}',
      'He visto un anuncio del {product} en el metro',
      '{rival} baja el precio del {comp} 100 euros',
      '^¡Sorteo! Gana un {product}: sigue y comparte 🎁',
      'Café, {my} y domingo de lluvia {neu}',
      'Rumor: {brand} estaría trabajando en un plegable',
      '{brand} o {rival}, el eterno debate en el grupo {neu}'
    ]
  },
  influencer: [
    'Nuevo vídeo: he usado el {product} durante 30 días. Mi opinión sincera 👇',
    'Comparativa: {product} contra {comp}. Uno me ha sorprendido.',
    'Primeras impresiones del {product}: {good}, pero no es perfecto. Análisis completo esta noche.',
    'Encuesta: ¿{brand} o {rival} para vuestro próximo dispositivo?'
  ],
  replies: {
    problem: {
      help_implicit: ['{parent} a mí me pasa lo mismo, {problem} {neg}', '{parent} igual {time}'],
      complaint: ['{parent} +1. {at} esto ya es ridículo'],
      other: [
        '{parent} ¿has probado a mantener pulsado el botón de encendido 30 segundos? A mí me funcionó',
        '{parent} qué rabia 😕'
      ]
    },
    positive: {
      praise: ['{parent} totalmente, {good} {pos}'],
      other: ['{parent} jaja', '{parent} qué guay {pos}'],
      purchase_intent: ['{parent} ¿cuánto te costó?', '{parent} ¿dónde lo compraste?']
    }
  },
  outage: {
    help_explicit: ['{at} {oclause}. ¿Hay una caída? {neg}', '{at} ¿es un problema conocido? {Oclause} {otag}'],
    help_implicit: ['¿Soy yo o {oclause}? {otag}', '{Oclause}. Genial. {neg}'],
    complaint: [
      '{Oclause} y ni una palabra de {brand}. Inaceptable. {otag}',
      'Pago por esto y {oclause}. Estoy harto. {neg}'
    ],
    other: ['Se acumulan los avisos: problemas con {otopic} para muchos usuarios {otag}']
  },
  outageThemes: {
    cloud: {
      clause: ['{product} está caído', '{product} no sincroniza', 'no puedo entrar en {product}'],
      topic: ['{product}']
    },
    update: {
      clause: [
        'mi {product} se reinicia en bucle desde la actualización {ver}',
        'mi {product} no arranca desde la {ver}'
      ],
      topic: ['la actualización {ver}']
    }
  },
  launch: {
    other: ['{brand} acaba de presentar el {launch} {neu} {ltag}', '{launch} oficial: {price}, a la venta el mes que viene'],
    purchase_intent: ['¿El {launch} por {price}? Igual me lo pillo {neu}', '{at} ¿cuándo se puede reservar el {launch}?'],
    praise: ['El {launch} es precioso {pos}'],
    idea: ['{at} buen lanzamiento, pero añadid {feature} al {launch}'],
    complaint: ['¿{price} por el {launch}? ¿En serio, {brand}? {neg}']
  },
  kinds: {
    laptop: {
      my: ['mi {product}', 'mi nuevo {product}'],
      problem: [
        'mi {product} no arranca',
        'la batería de mi {product} dura 3 horas',
        'mi {product} se calienta muchísimo y el ventilador no para',
        'la pantalla de mi {product} parpadea {time}',
        '{nth} cuelgue hoy desde la actualización'
      ],
      feature: ['limitar la carga al 80 %', 'una pantalla mate opcional', 'más puertos USB-C'],
      good: ['la batería aguanta toda la jornada', 'el teclado es una maravilla', 'la pantalla es preciosa']
    },
    phone: {
      my: ['mi {product}', 'mi nuevo {product}'],
      problem: [
        'mi {product} no enciende',
        'la cámara de mi {product} se cierra sola',
        'mi {product} se calienta mientras carga',
        'mi {product} se reinicia solo {time}',
        '{nth} cuelgue hoy desde la actualización'
      ],
      feature: ['grabación de llamadas', 'una pantalla always-on de verdad', 'más años de actualizaciones'],
      good: ['la cámara es increíble de noche', 'la batería dura dos días', 'va rapidísimo']
    },
    buds: {
      my: ['mis {product}'],
      problem: [
        'mis {product} ya no se conectan al portátil',
        'el auricular izquierdo de mis {product} se desconecta todo el rato',
        'la cancelación de ruido de mis {product} hace ruidos raros',
        'el estuche de mis {product} no carga'
      ],
      feature: ['multipunto', 'un ecualizador en la app', 'carga inalámbrica para el estuche'],
      good: [
        'la cancelación de ruido es brutal',
        'suenan mucho mejor que los anteriores',
        'no se caen ni corriendo'
      ]
    },
    cloud: {
      my: ['mi cuenta de {product}'],
      problem: [
        '{product} no sincroniza {time}',
        'mis fotos han desaparecido de {product}',
        'no puedo entrar en {product} {time}',
        '{product} me ha cobrado dos veces este mes'
      ],
      feature: ['un plan familiar', 'cifrado de extremo a extremo', 'un plan de 100 GB más barato'],
      good: [
        '{product} simplemente funciona',
        'restaurar desde {product} me llevó cinco minutos',
        '{product} me salvó el TFG cuando murió mi portátil'
      ]
    }
  },
  words: {
    time: [
      'desde esta mañana',
      'desde ayer',
      'desde la actualización',
      'desde anoche',
      'desde hace dos días',
      'otra vez hoy'
    ],
    dur: ['3 días', 'una semana', 'dos semanas', '5 días'],
    quick: ['10 minutos', 'una sola llamada', 'menos de una hora'],
    shop: ['MediaMarkt', 'El Corte Inglés', 'Amazon', 'PcComponentes'],
    nth: ['segundo', 'tercer', 'cuarto'],
    pct: ['3 %', '5 %', '8 %']
  },
  // Spanish style writes four-digit amounts without a separator.
  price: (euros) => `${Math.round(euros)} €`
}
