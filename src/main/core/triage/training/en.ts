/**
 * Hand-written English training examples for the naive Bayes layer: `intent|text`, one a line.
 * Written independently of tests/fixtures/triage/test-set.jsonl (a unit test checks that no text
 * is shared) and of the demo generator's phrases.
 */
export const EN_TRAINING = String.raw`
help_explicit|@acme can you help me? my tablet shows a black screen after charging
help_explicit|hi @acme, how can I change the email address on my account?
help_explicit|@acme my headphones won't connect to my tv, any idea what to do?
help_explicit|could you please check my order status? it says processing since friday
help_explicit|@acme how do I update the firmware on the speaker?
help_explicit|need some help here @acme, the app asks for a code I never received
help_explicit|@acme where do I find my serial number?
help_explicit|@acme hello, my refund still hasn't arrived. can you look into it?
help_explicit|can anyone at acme support help me with a broken charging port?
help_explicit|@acme is it possible to transfer my license to a new laptop?
help_explicit|@acme please help, the touchpad stopped working and I have a deadline
help_explicit|how can i cancel my subscription? @acme
help_explicit|@acme what should I do if the device gets stuck in a boot loop?
help_explicit|@acme any way to get my old backups back? they disappeared
help_explicit|@acme can you send me a return label please
help_explicit|hey support, how do i disable two factor on my old account?
help_explicit|@acme my tracking number doesn't work, can you check?
help_explicit|@acme do you know when the fix for the login error is coming?
help_explicit|@acme could you explain how to share storage with my family?
help_explicit|@acme I need help setting up my new watch, the pairing fails
help_explicit|@acme why is my account locked? please unlock it
help_explicit|can someone explain how to downgrade the app? @acme
help_explicit|@acme hi, can I use the charger from the older model with the new one?
help_explicit|@acme who do I contact about a damaged delivery?
help_implicit|my tablet restarted four times during the movie
help_implicit|the speaker randomly turns off after ten minutes
help_implicit|since yesterday the app just shows a white screen
help_implicit|headphones crackle on the left side, started last week
help_implicit|can't sign in, the code never shows up
help_implicit|my laptop battery is at 60% health after one year
help_implicit|notifications stopped working after the latest update
help_implicit|the mic on my earbuds doesn't work in calls anymore
help_implicit|storage full even though I deleted half my files
help_implicit|screen has a green line across the middle now
help_implicit|second time this week the sync failed and I lost my edits
help_implicit|my watch won't vibrate anymore
help_implicit|touchscreen ignores half my taps since the update
help_implicit|the download keeps failing at 99%
help_implicit|bluetooth disconnects whenever I leave the room
help_implicit|the app crashes every time I open settings
help_implicit|charging takes forever since the last patch
help_implicit|my photos are not uploading, stuck on waiting
help_implicit|gps is completely off, it thinks I'm in another city
help_implicit|laptop doesn't wake up from sleep, have to hold the power button
help_implicit|volume buttons stopped responding
help_implicit|anyone else getting a blank screen on the new version?
help_implicit|the update broke my alarm, overslept today
help_implicit|sound cuts out during videos, so annoying
help_implicit|phone gets really warm just sitting on the desk
complaint|this is the third time I'm writing and nobody cares. terrible company
complaint|never again will I buy from acme, total waste of money
complaint|your customer service is a disgrace
complaint|absolutely unacceptable, I was promised a call back twice
complaint|what a rip off, the case broke after two days
complaint|I want my money back, this product is garbage
complaint|shame on acme for ignoring loyal customers
complaint|so angry right now, the repair made it worse
complaint|worst experience of my life with a tech company
complaint|oh fantastic, another update that breaks everything. thanks a lot
complaint|terrible quality for that price, avoid this brand
complaint|seriously acme? charging extra for basic features now? pathetic
complaint|I'm so disappointed, expected much better
complaint|cancelling my subscription, you lost a customer
complaint|the support agent was rude and hung up on me
complaint|how is it possible that a 1000 euro device breaks that easily? ridiculous
complaint|sick and tired of waiting for a replacement
complaint|your hotline is a nightmare, an hour in the queue
complaint|why do you keep ignoring my emails? this is awful
complaint|overpriced and underwhelming, a total letdown
complaint|just lovely, the third defect in a month. well done
complaint|fed up with these constant outages
complaint|they charged me twice and refuse to refund. scandalous
complaint|zero stars if I could
purchase_intent|thinking of buying the new tablet, any reviews?
purchase_intent|is the pro version worth the extra money?
purchase_intent|what's the price of the 1TB model?
purchase_intent|tablet vs laptop for university, what would you recommend?
purchase_intent|planning to upgrade my phone this year, which one should I get?
purchase_intent|@acme is there a discount for teachers?
purchase_intent|does the speaker come in white? want to order two
purchase_intent|anyone bought the watch recently? considering it
purchase_intent|where can I buy the earbuds cheapest?
purchase_intent|how much does the yearly plan cost?
purchase_intent|should I go for the small or the large model?
purchase_intent|comparing the two headphones, which has better battery?
purchase_intent|looking to get a laptop for gaming under 1500, suggestions?
purchase_intent|is there a sale coming up soon? waiting to buy
purchase_intent|when will the new model be available to preorder?
purchase_intent|recommend me a good phone for photos please
purchase_intent|is it worth switching from my old brand?
purchase_intent|trying to decide between the basic and premium plan
purchase_intent|do they have a trade in offer if I buy a new one?
purchase_intent|want to get one as a gift, which version is better?
purchase_intent|any good deals on the earbuds this week?
purchase_intent|how does it compare to the competitor for the price?
praise|the support team was amazing, thank you so much
praise|love this speaker, best purchase this year
praise|wow the battery lasts forever
praise|super happy with my new tablet
praise|fast delivery and great packaging, thanks
praise|this app is just beautiful, great job
praise|they replaced my headphones in two days, fantastic service
praise|really impressed by the build quality
praise|five stars, would recommend to everyone
praise|my watch is perfect, no complaints
praise|thank you @acme for the quick help!
praise|the new update is brilliant, everything is faster
praise|best customer service I've experienced
praise|honestly the sound quality is incredible
praise|kudos to the team, great product
praise|it just works. love it
praise|so glad I chose this laptop
praise|awesome camera, the photos look stunning
praise|excellent value for money
praise|big thanks to the friendly agent who solved it
praise|not a single problem in three years, great device
idea|it would be awesome if the app had widgets
idea|please make the charger cable longer
idea|feature idea: let us rename devices in the app
idea|would love an option to export notes as pdf
idea|you should add a sleep timer to the speaker
idea|wish the watch had a always on display setting
idea|suggestion: a family dashboard for shared storage
idea|can you please add support for more languages in the app
idea|how about offering the case in more colors?
idea|would be great to have offline maps
idea|please bring back the old layout as an option
idea|a setting to turn off the blinking light would be nice
idea|consider making spare parts available for self repair
idea|I'd like to see a cheaper plan with less storage
idea|the app needs a search bar for settings
idea|please let us customize the gestures
idea|would be nice to sync with my calendar
idea|why not make the keyboard layout switchable?
other|new tablets revealed at the event today
other|good morning everyone, happy friday
other|anyone watching the game tonight?
other|tech news roundup: chips, phones and more
other|giveaway! follow and retweet to win
other|the company reported higher sales this quarter
other|just got home from work, tired
other|what are you all doing this weekend?
other|article: the history of portable music players
other|acme opens a new office in london
other|check out my channel for daily tech videos
other|lol this meme about laptops is so true
other|the weather is terrible today
other|conference starts tomorrow, see you there
other|earn money fast from home click the link
other|reading about the new chip design
other|which podcast do you listen to on the way to work?
other|the launch livestream is at 7pm
other|unboxing video coming soon
other|interesting interview with the ceo
`
