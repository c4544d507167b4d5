import { groupThousands, type PhraseBook } from './types'

export const en: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, can you help? {neg}',
      '{at} {problem}. What can I do?',
      'Hey {at}, {problem}. Any idea how to fix this?',
      '{at} hi, {problem}. Is this a known issue?',
      '{at} {problem} – already tried a reset. What else can I do? {neg}',
      '{at} please help, {problem} and I need it for work tomorrow',
      'Can anyone from {at} support help? {Problem}. {tag}',
      '^{at} {problem}. Do I need to send it in for repair?',
      '{at} is there a fix yet? {Problem}.',
      '^{at} {problem}. Still under warranty – how do I get it repaired?',
      '{at} I messaged you {dur} ago: {problem}. Any update?',
      '{at} quick question: {problem}. Who can I talk to?',
      '{at} help! {Problem} {neg}',
      'Hi {at}, {problem} {time}. Any known workaround?'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Great start to the day {neg}',
      '{Problem}. Third time this week.',
      'Well. {Problem}. {neg}',
      'Of course, right before my presentation: {problem} {neg}',
      '{Problem}… and I only bought it {dur} ago {neg}',
      'Not again. {Problem}. {tag}',
      '{Problem}. Is it just me? {tag}',
      'So {problem}. Guess I’m using my old one today',
      'Day 3 of this: {problem}. {neg}',
      'Lovely. {Problem} {time}. {neg}',
      'ok so {problem} {neg}'
    ],
    complaint: [
      'Absolutely fed up with {brand}. {Problem} and support hasn’t answered in {dur}. {neg}',
      'Never buying {brand} again. {Problem}. {neg} {tag}',
      '{at} {dur} waiting for a reply from your support. This is a joke.',
      'Paid a premium for {my} and {problem}. Unacceptable, {at}. {neg}',
      'Seriously thinking about switching to {rival}. {brand} support is a disaster {neg}',
      '{brand} quality has gone downhill. {Problem}, again. {neg}',
      'Third ticket, zero answers. Well done {at} {neg}',
      '{at} 40 minutes on hold with your hotline. Seriously?',
      'How is {brand} still shipping updates that break everything? {neg} {tag}',
      'Premium prices, beta-quality software. {Problem}. Thanks, {brand}. {neg}',
      '^The repair took two weeks and now {problem} again. I’m done with {brand}.',
      '^{at} sent {my} in for repair {dur} ago. No update, no answer. Ridiculous.',
      'Customer service at {brand}? Doesn’t exist. {neg}',
      'Dear {brand}, this is why people switch to {rival}. {Problem}. {neg}'
    ],
    purchase_intent: [
      'Thinking about the {product} vs the {comp} — worth it?',
      'Anyone here using the {product}? Considering getting one {neu}',
      '{product} or {comp}? Can’t decide. Opinions?',
      'Does anyone know when the {product} goes on sale?',
      '^How much is the {product} at {shop} right now?',
      '{at} is there a student discount on the {product}?',
      'Finally upgrading. Is the {product} worth the money or should I wait for the next one?',
      'Looking at the {product}. Anyone had problems with it? {neu}',
      '^Saw the {product} at {shop} today. Tempting… {neu}',
      'My {comp} is on its last legs. Switch to the {product}? {neu}',
      '^{at} when will the {product} be back in stock?',
      'Need advice: {product} or {comp}? {tag}',
      '{at} how easy is it to move from the {comp} to the {product}?'
    ],
    praise: [
      'Loving {my}. {Good} {pos}',
      'Okay {brand}, you got me. {Good}. {pos}',
      'Shoutout to {at} support, sorted my problem in {quick}! {pos}',
      '{Good}. Best purchase this year {pos} {tag}',
      'Have to say it: {good}. {pos}',
      '{at} just wanted to say thanks, {good} {pos}',
      'One month with the {product}: {good}. {pos}',
      'Switched from the {comp} to the {product} and {good}. {pos}',
      'Credit where it’s due: {brand} support fixed my issue in {quick}. {pos}',
      'Didn’t expect much, but {good}. {pos} {tag}',
      'Happy with {my} 👌 {good}',
      'Honest review after a few weeks: {good}. Recommended. {pos}'
    ],
    idea: [
      '{at} please add {feature}!',
      'Would love to see {feature} on the {product}. {tag}',
      'Idea for {brand}: {feature}. Who’s with me?',
      '{at} any plans for {feature}? That would make the {product} perfect',
      'Feature request for {at}: {feature} {pos}',
      'Dear {brand}, {feature} would be a game changer.',
      'If {brand} added {feature} I’d never look at {rival} again',
      '{at} the {product} is great, but {feature} would make it even better',
      'Still waiting for {feature}, {at} {neu}',
      'Hot take: the {product} needs {feature}. {tag}'
    ],
    other: [
      '{brand} just reported its quarterly numbers, revenue up {pct}',
      'Anyone else watching the {brand} event tonight? {neu}',
      '^Unboxing the {product} later on stream {neu}',
      'Saw an ad for the {product} on the train today',
      '{rival} is teasing the successor to the {comp}. Interesting timing…',
      'Reading a review of the {product} on my lunch break',
      '^Win a free {product}! Follow and repost, link in bio 🎁',
      '^Cheap cases for the {product}, 70% off, link in bio!!! {tag}',
      '{brand} is hiring in Berlin, just saw the job ad',
      'Rumour: {brand} is working on a foldable. Thoughts?',
      'Coffee, {my} and a rainy Sunday {neu}',
      '{brand} vs {rival}, the eternal debate in our group chat {neu}',
      '{rival} cuts the price of the {comp} by 100 euros',
      'Just set up {my} for my mum. Let’s see how that goes {neu}',
      'TIL the {brand} logo is supposed to be a lighthouse',
      'Listening to a podcast about {brand}’s supply chain. Fascinating stuff',
      'Weekend project: cable management. New desk setup {neu}',
      'Is {brand} a German company? Asking for a friend',
      '^Spotted three people with the {product} in the same café {neu}',
      'Interesting thread on {brand} vs {rival} market share {tag}'
    ]
  },
  influencer: [
    'New video: I used the {product} for 30 days. Here’s my honest verdict 👇',
    'Review: {product} vs {comp}. One of them surprised me.',
    'Quick take on the {product}: {good}, but it’s not perfect. Full review tonight.',
    'Spent the week with the {product}. Thread 🧵',
    'Poll: {brand} or {rival} for your next device?',
    'Podcast is up: we talk about {brand}’s strategy and the {product}',
    'Asked 1,000 of you about the {product}. The results are in 📊'
  ],
  replies: {
    problem: {
      help_implicit: [
        '{parent} same here, {problem} {neg}',
        '{parent} same problem {time}. {neg}',
        '{parent} you’re not alone, {problem} too'
      ],
      complaint: [
        '{parent} +1. {at} this is getting ridiculous',
        '{parent} same experience. {brand} support has been useless for me too {neg}'
      ],
      other: [
        '{parent} did you try holding the power button for 30 seconds? Fixed it for me',
        '{parent} check the {brand} forum, there’s a workaround there',
        '{parent} ugh, sorry to hear that'
      ]
    },
    positive: {
      praise: ['{parent} agreed, {good} {pos}', '{parent} same! Mine is great too {pos}'],
      other: ['{parent} haha nice', '{parent} looks great {pos}', '{parent} 😂', '{parent} this is the way'],
      purchase_intent: [
        '{parent} how much did you pay for it?',
        '{parent} where did you get it? Looking for one too',
        '{parent} is it worth it over the {comp}?'
      ]
    }
  },
  outage: {
    help_explicit: [
      '{at} {oclause}. Is there an outage? {neg}',
      '{at} is this a known issue? {Oclause} {otag}',
      '{at} any ETA for a fix? {Oclause}. {neg}',
      '{at} {oclause}. What do I do now??',
      '{at} is there a status page? {Oclause}'
    ],
    help_implicit: [
      'Is it just me or {oclause}? {otag}',
      '{Oclause}. Great. {neg}',
      '{Oclause}. Guess I’m going outside today {otag}',
      'Looks like it’s not just me: {oclause} {neg}'
    ],
    complaint: [
      '{Oclause} and not a word from {brand}. Unacceptable. {otag}',
      'How do you break {otopic} this badly, {at}? {neg} {otag}',
      '{brand}, please test your stuff before you ship it. {Oclause}. {otag}',
      'Hours of downtime and still no status update. {at} seriously? {otag}',
      'Paying for this and {oclause}. Done. {neg}'
    ],
    other: [
      'Reports piling up: problems with {otopic} for lots of users right now {otag}',
      'The {otag} memes today are gold 😂',
      'The outage tracker shows a huge spike for {brand} right now {otag}'
    ]
  },
  outageThemes: {
    cloud: {
      clause: [
        '{product} is down',
        '{product} won’t sync',
        '{product} keeps showing error 503',
        'I can’t log into {product}',
        '{product} won’t load any of my files'
      ],
      topic: ['{product}']
    },
    update: {
      clause: [
        'my {product} is stuck in a boot loop since update {ver}',
        'my {product} won’t start since the {ver} update',
        'the {ver} update bricked my {product}',
        'my {product} keeps restarting since last night’s update'
      ],
      topic: ['the {ver} update', 'update {ver}', 'firmware {ver}']
    }
  },
  launch: {
    other: [
      '{brand} just announced the {launch} {neu} {ltag}',
      'Live blog: everything {brand} announced today, including the {launch}',
      '{launch} announced: {price}, available next month',
      'So the {launch} is official. {rival} must be nervous',
      'Watching the {brand} keynote, the {launch} looks slick {ltag}'
    ],
    purchase_intent: [
      'The {launch} for {price}? Might actually upgrade {neu}',
      'Pre-ordering the {launch} the second it’s live',
      '{at} when can I pre-order the {launch}?',
      '{launch} or wait for the next {comp}? Hmm {neu}'
    ],
    praise: [
      'The {launch} looks absolutely stunning {pos}',
      'Well done {brand}, the {launch} is exactly what I wanted {pos}'
    ],
    idea: ['{at} great launch, but please bring {feature} to the {launch} too'],
    complaint: [
      '{price} for the {launch}?? Are you serious, {brand}? {neg}',
      '{price} for the {launch} is just greedy, {brand} {neg}'
    ]
  },
  kinds: {
    laptop: {
      my: ['my {product}', 'my new {product}'],
      problem: [
        'my {product} won’t boot',
        'my {product} won’t boot since the last update',
        'the battery on my {product} drains in like 3 hours',
        'my {product} gets super hot and the fan never stops',
        'the screen on my {product} keeps flickering',
        'wifi on my {product} drops every few minutes',
        '{nth} crash today since the update',
        'my {product} is stuck on the logo {time}',
        'the trackpad on my {product} randomly stops working',
        'my {product} doesn’t wake from sleep anymore',
        'my {product} won’t charge with the original charger'
      ],
      feature: [
        'a battery limit at 80%',
        'a matte display option',
        'more USB-C ports',
        'official Linux drivers',
        'a silent fan mode',
        'more keyboard backlight levels'
      ],
      good: [
        'the battery lasts a full workday and then some',
        'the keyboard is honestly the best I’ve typed on',
        'the {product} boots in like 5 seconds',
        'the display is gorgeous',
        'it’s dead silent even under load'
      ]
    },
    phone: {
      my: ['my {product}', 'my new {product}'],
      problem: [
        'my {product} won’t turn on anymore',
        'the camera app on my {product} crashes every time I open it',
        'my {product} overheats while charging',
        'the battery on my {product} is dead by lunch {time}',
        'my {product} keeps losing 5G',
        'my {product} restarts randomly',
        '{nth} crash today since the update',
        'face unlock on my {product} stopped working',
        'my {product} won’t charge past 80%',
        'the screen on my {product} has a green tint {time}'
      ],
      feature: [
        'call recording',
        'a real always-on display',
        'longer software updates',
        'a 3x zoom lens',
        'the battery percentage in the status bar'
      ],
      good: [
        'the camera on the {product} is insane in low light',
        'the battery easily lasts two days',
        'the {product} is the fastest phone I’ve ever had',
        'the screen is bright enough to read in full sun',
        'it fits perfectly in one hand'
      ]
    },
    buds: {
      my: ['my {product}', 'my new {product}'],
      problem: [
        'my {product} won’t connect to my laptop anymore',
        'the left earbud of my {product} keeps disconnecting',
        'noise cancelling on my {product} makes a crackling sound',
        'the case of my {product} doesn’t charge',
        'my {product} only play audio on one side',
        'my {product} lose connection every few minutes {time}',
        'the mic on my {product} sounds terrible in calls'
      ],
      feature: [
        'multipoint, so they connect to phone and laptop at once',
        'an EQ in the app',
        'a find-my-earbuds feature',
        'more colours',
        'wireless charging for the case'
      ],
      good: [
        'the noise cancelling is unreal',
        'they sound way better than my old ones',
        'the battery lasts a whole flight',
        'they stay in even when I’m running',
        'pairing took literally two seconds'
      ]
    },
    cloud: {
      my: ['my {product} account', 'my {product} storage'],
      problem: [
        '{product} hasn’t synced {time}',
        'my photos in {product} are gone',
        'I can’t log into {product} {time}',
        '{product} charged me twice this month',
        'the {product} backup fails every night',
        '{product} says my storage is full but I only use 20 GB',
        '{product} keeps logging me out'
      ],
      feature: [
        'family sharing',
        'end-to-end encryption for all files',
        'a Linux client',
        'a cheaper 100 GB plan',
        'shared albums that open without an account'
      ],
      good: [
        '{product} just works, every photo is on every device',
        'restoring my old phone from {product} took five minutes',
        'the {product} web app is fast and clean',
        '{product} saved my thesis when my laptop died'
      ]
    }
  },
  words: {
    time: [
      'since this morning',
      'since yesterday',
      'since the update',
      'since last night',
      'for two days now',
      'again today',
      'since Monday',
      'all week'
    ],
    dur: ['3 days', 'a week', 'two weeks', '48 hours', '5 days', '10 days'],
    quick: ['10 minutes', 'one call', 'under an hour', 'a day'],
    shop: ['Amazon', 'Currys', 'Best Buy', 'Argos', 'John Lewis'],
    nth: ['second', 'third', 'fourth', 'fifth'],
    pct: ['3%', '5%', '8%', '12%']
  },
  price: (euros) => `€${groupThousands(euros, ',')}`
}
