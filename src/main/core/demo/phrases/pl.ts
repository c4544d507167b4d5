import { groupThousands, type PhraseBook } from './types'

/** Rough euro → złoty conversion, rounded to a shop price ending in 99. */
function zloty(euros: number): number {
  return Math.round((euros * 4.3) / 100) * 100 - 1
}

export const pl: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, możecie pomóc? {neg}',
      'Cześć {at}, {problem}. Co mogę zrobić?',
      '{at} {problem}. Czy to znany problem?',
      '{at} {problem}, reset już próbowałem. Macie jakiś pomysł? {neg}',
      '{at} pomocy! {Problem} {neg}'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Świetny początek dnia {neg}',
      'No nie, znowu… {problem}. {tag}',
      '{Problem}. A kupiłem to {dur} temu {neg}',
      'Trudno, {problem}. Dziś pracuję na starym'
    ],
    complaint: [
      'Mam dość {brand}. {Problem}, a support milczy już {dur}. {neg}',
      'Nigdy więcej {brand}. {Problem}. {neg}',
      '{at} czekam już {dur} na odpowiedź od supportu. Żenada.',
      'Myślę o przejściu na {rival}. Obsługa klienta {brand} to porażka {neg}'
    ],
    purchase_intent: [
      'Waham się między {product} a {comp}, warto?',
      'Ktoś używa {product}? Myślę o zakupie {neu}',
      '^Ile kosztuje teraz {product} w {shop}?',
      '{at} jest zniżka studencka na {product}?'
    ],
    praise: [
      'Uwielbiam {my}. {Good} {pos}',
      'Brawo {brand}, {good} {pos}',
      'Dzięki dla supportu {at}, problem rozwiązany w {quick} {pos}',
      'Przesiadłem się z {comp} na {product} i {good}. {pos}'
    ],
    idea: [
      '{at} dodajcie proszę {feature}',
      'Pomysł dla {brand}: {feature}. Kto się zgadza?',
      '{at} planujecie {feature}? Wtedy byłoby idealnie'
    ],
    other: [
      '{brand} ogłasza wzrost przychodów o {pct}',
      'Ktoś ogląda dziś wieczorem event {brand}? {neu}',
      '^Unboxing {product} dziś wieczorem na streamie {neu}',
      'Widziałem reklamę {product} w tramwaju',
      '{rival} obniża cenę {comp} o 400 zł',
      '^Konkurs! Wygraj {product}: obserwuj i udostępnij 🎁',
      'Kawa, {my} i deszczowa niedziela {neu}'
    ]
  },
  influencer: [],
  replies: {
    problem: {
      help_implicit: ['{parent} u mnie to samo, {problem} {neg}', '{parent} mam ten sam problem {time}'],
      complaint: ['{parent} +1. {at} to się robi śmieszne'],
      other: ['{parent} próbowałeś przytrzymać przycisk zasilania przez 30 sekund? U mnie pomogło', '{parent} współczuję 😕']
    },
    positive: {
      praise: ['{parent} zgadzam się, {good} {pos}'],
      other: ['{parent} haha', '{parent} wygląda super {pos}'],
      purchase_intent: ['{parent} ile za to dałeś?', '{parent} gdzie kupiłeś?']
    }
  },
  outage: {
    help_explicit: ['{at} {oclause}. Jest jakaś awaria? {neg}', '{at} to znany problem? {Oclause} {otag}'],
    help_implicit: ['Tylko u mnie {oclause}? {otag}', '{Oclause}. Super. {neg}'],
    complaint: ['{Oclause} i ani słowa od {brand}. Skandal. {otag}', 'Płacę za to, a {oclause}. Mam dość. {neg}'],
    other: ['Coraz więcej zgłoszeń: problemy z {otopic} u wielu użytkowników {otag}']
  },
  outageThemes: {
    cloud: {
      clause: ['{product} nie działa', '{product} się nie synchronizuje', 'nie mogę się zalogować do {product}'],
      topic: ['{product}']
    },
    update: {
      clause: [
        'mój {product} restartuje się w kółko od aktualizacji {ver}',
        'mój {product} nie uruchamia się od aktualizacji {ver}'
      ],
      // Used after "z" (instrumental).
      topic: ['aktualizacją {ver}']
    }
  },
  launch: {
    other: ['{brand} właśnie zaprezentował {launch} {neu} {ltag}', '{launch} oficjalnie: {price}, w sprzedaży od przyszłego miesiąca'],
    purchase_intent: ['{launch} za {price}? Chyba się skuszę {neu}', '{at} kiedy ruszy przedsprzedaż {launch}?'],
    praise: ['{launch} wygląda świetnie {pos}'],
    idea: ['{at} fajna premiera, ale dodajcie {feature} do {launch}'],
    complaint: ['{price} za {launch}?? Serio, {brand}? {neg}']
  },
  kinds: {
    laptop: {
      my: ['mój {product}', 'mój nowy {product}'],
      problem: [
        'mój {product} nie chce się uruchomić',
        'bateria w moim {product} trzyma 3 godziny',
        'mój {product} strasznie się grzeje, a wentylator cały czas wyje',
        'ekran w moim {product} miga {time}',
        'już {nth} raz dzisiaj się zawiesza po aktualizacji'
      ],
      feature: ['limit ładowania do 80%', 'matowy ekran w opcji', 'więcej portów USB-C'],
      good: ['bateria wytrzymuje cały dzień pracy', 'klawiatura jest świetna', 'ekran jest przepiękny']
    },
    phone: {
      my: ['mój {product}', 'mój nowy {product}'],
      problem: [
        'mój {product} się nie włącza',
        'aparat w moim {product} sam się wyłącza',
        'mój {product} grzeje się podczas ładowania',
        'mój {product} sam się restartuje {time}',
        'już {nth} raz dzisiaj się zawiesza po aktualizacji'
      ],
      feature: ['nagrywanie rozmów', 'prawdziwy always-on display', 'dłuższe wsparcie aktualizacjami'],
      good: ['aparat w nocy robi niesamowite zdjęcia', 'bateria trzyma dwa dni', 'działa błyskawicznie']
    },
    buds: {
      my: ['moje {product}'],
      problem: [
        'moje {product} nie łączą się z laptopem',
        'lewa słuchawka z moich {product} ciągle się rozłącza',
        'redukcja szumów w moich {product} trzeszczy',
        'etui od moich {product} się nie ładuje'
      ],
      feature: ['multipoint', 'korektor w aplikacji', 'ładowanie bezprzewodowe etui'],
      good: ['redukcja szumów jest niesamowita', 'grają dużo lepiej niż moje stare', 'nie wypadają nawet podczas biegania']
    },
    cloud: {
      my: ['moje konto {product}'],
      problem: [
        '{product} nie synchronizuje się {time}',
        'moje zdjęcia w {product} zniknęły',
        'nie mogę się zalogować do {product} {time}',
        '{product} pobrał ode mnie podwójną opłatę w tym miesiącu'
      ],
      feature: ['plan rodzinny', 'szyfrowanie end-to-end', 'tańszy plan 100 GB'],
      good: [
        '{product} po prostu działa',
        'przywracanie z {product} zajęło pięć minut',
        '{product} uratował moją pracę magisterską, gdy padł laptop'
      ]
    }
  },
  words: {
    time: ['od rana', 'od wczoraj', 'od aktualizacji', 'od wczoraj wieczorem', 'od dwóch dni', 'dziś znowu'],
    // After "już" / before "temu" (accusative of duration).
    dur: ['3 dni', 'tydzień', 'dwa tygodnie', '5 dni'],
    quick: ['10 minut', 'kwadrans', 'niecałą godzinę'],
    shop: ['x-kom', 'Media Expert', 'RTV Euro AGD'],
    nth: ['drugi', 'trzeci', 'czwarty'],
    pct: ['3%', '5%', '8%']
  },
  price: (euros) => `${groupThousands(zloty(euros), ' ')} zł`
}
