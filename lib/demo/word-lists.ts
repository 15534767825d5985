/**
 * Words the demo generators build titles, overviews and names from. Made up on purpose: the demo
 * catalog should read like films without copying anyone's real titles or plots.
 */

export const ADJECTIVES = [
  "Silent", "Broken", "Golden", "Hollow", "Crimson", "Distant", "Quiet", "Burning", "Frozen", "Hidden",
  "Lost", "Midnight", "Savage", "Electric", "Velvet", "Paper", "Glass", "Iron", "Wild", "Little",
  "Bitter", "Restless", "Endless", "Northern", "Pale", "Secret", "Sweet", "Dark", "Bright", "Empty",
  "Final", "Forgotten", "Gentle", "Lonely", "Perfect", "Strange", "Tender", "Wicked", "Blue", "Scarlet",
  "Silver", "Neon", "Lucky", "Holy", "Falling", "Rising", "Sleeping", "Shattered", "Borrowed", "Stolen",
  "Crooked", "Salt", "Copper", "Dusty", "Fragile", "Southern", "Hungry", "Careless", "Faded", "Hard",
] as const;

export const NOUNS = [
  "Harbor", "River", "Crown", "Garden", "Road", "Signal", "Horizon", "Mirror", "Shadow", "Storm",
  "Kingdom", "Island", "Letter", "Promise", "Witness", "Stranger", "Orchard", "Tide", "Frontier", "Lantern",
  "Compass", "Echo", "Ember", "Fortune", "Hour", "House", "Machine", "Ocean", "Passage", "Season",
  "Silence", "Sky", "Song", "Station", "Thunder", "Valley", "Voyage", "Wolf", "Dream", "Heart",
  "Border", "Bridge", "Canyon", "Empire", "Engine", "Field", "Fire", "Ghost", "Hunter", "Key",
  "Lake", "Light", "Moon", "Night", "Paradise", "Ridge", "Room", "Sea", "Star", "Stone",
  "Street", "Tower", "Trail", "Truth", "Water", "Wind", "Wire", "Summer", "Winter", "Weekend",
] as const;

export const PLURAL_NOUNS = [
  "Ashes", "Bones", "Shadows", "Echoes", "Wolves", "Stars", "Lies", "Secrets", "Strangers", "Tides",
  "Horses", "Angels", "Ghosts", "Waves", "Roads", "Rivers", "Kings", "Thieves", "Giants", "Sparrows",
  "Flowers", "Streets", "Lights", "Days", "Nights", "Saints", "Sinners", "Mountains", "Islands", "Promises",
] as const;

export const VERBS_ING = [
  "Chasing", "Finding", "Leaving", "Burning", "Waiting for", "Remembering", "Crossing", "Saving",
  "Hunting", "Dancing with", "Running from", "Becoming", "Losing", "Catching", "Breaking",
] as const;

export const PLACES = [
  "Lisbon", "Marseille", "Havana", "Tangier", "Kyoto", "Reykjavik", "Trieste", "Naples", "Oslo", "Galway",
  "Montana", "Nevada", "Brooklyn", "Little Rock", "Baltimore", "Busan", "Valparaíso", "Odessa", "Cairo",
  "Tbilisi", "Saint-Malo", "Palermo", "Tucson", "Vermont", "the Delta", "the North",
] as const;

/** Singular and plural, since English plurals of animals do not follow one rule. */
export const ANIMALS = [
  ["Fox", "Foxes"], ["Otter", "Otters"], ["Owl", "Owls"], ["Badger", "Badgers"], ["Penguin", "Penguins"], ["Bear", "Bears"],
  ["Rabbit", "Rabbits"], ["Dragon", "Dragons"], ["Whale", "Whales"], ["Tortoise", "Tortoises"], ["Hedgehog", "Hedgehogs"],
  ["Raccoon", "Raccoons"], ["Lynx", "Lynxes"], ["Moose", "Moose"], ["Sparrow", "Sparrows"], ["Octopus", "Octopuses"],
  ["Mole", "Moles"], ["Goose", "Geese"], ["Mouse", "Mice"], ["Wolf", "Wolves"],
] as const;

export const ORDINALS = ["Third", "Fourth", "Seventh", "Ninth", "Eleventh", "Twelfth", "Thirteenth", "Fortieth", "Hundredth"] as const;

export const RELATIVES = ["Mother", "Father", "Sister", "Brother", "Uncle", "Aunt", "Grandmother", "Cousin", "Daughter", "Son"] as const;

/** Words that pull a title towards its genre; they stand in for {Noun} half of the time. */
export const GENRE_NOUNS: Record<string, readonly string[]> = {
  Horror: ["Cellar", "Whisper", "Ritual", "Curse", "Host", "Hunger", "Attic", "Coven", "Static", "Teeth", "Lullaby", "Nest"],
  "Sci-Fi": ["Orbit", "Protocol", "Colony", "Eclipse", "Vector", "Singularity", "Drift", "Array", "Outpost", "Pulse", "Meridian", "Relay"],
  Thriller: ["Alibi", "Verdict", "Contract", "Safehouse", "Informant", "Countdown", "Blackout", "Deadline", "Cipher", "Exchange"],
  Crime: ["Job", "Racket", "Score", "Getaway", "Syndicate", "Heist", "Debt", "Precinct", "Confession", "Payday"],
  War: ["Front", "Trench", "Garrison", "Battalion", "Armistice", "Beachhead", "Convoy", "Ceasefire", "Siege"],
  Western: ["Creek", "Saddle", "Mesa", "Gulch", "Rider", "Outlaw", "Ranch", "Badlands", "Gallows", "Homestead"],
  Fantasy: ["Throne", "Sorcerer", "Sword", "Realm", "Prophecy", "Oracle", "Citadel", "Amulet", "Wyrm", "Enchantment"],
  Romance: ["Kiss", "Letter", "Wedding", "Proposal", "Rendezvous", "Serenade", "Honeymoon", "Valentine", "Postcard"],
  Musical: ["Song", "Chorus", "Melody", "Rhapsody", "Ballroom", "Encore", "Cabaret", "Overture", "Jamboree"],
  Mystery: ["Clue", "Riddle", "Disappearance", "Manor", "Inheritance", "Locket", "Keyhole", "Testament", "Puzzle"],
  Adventure: ["Expedition", "Treasure", "Jungle", "Map", "Odyssey", "Quest", "Voyage", "Lagoon", "Summit"],
  Action: ["Strike", "Impact", "Velocity", "Fury", "Payback", "Takedown", "Overdrive", "Breakpoint", "Rampage"],
  Comedy: ["Party", "Road Trip", "Reunion", "Vacation", "Wedding", "Roommate", "Blind Date", "Barbecue", "Sleepover"],
  "Film-Noir": ["Alibi", "Dame", "Racket", "Nightclub", "Double Cross", "Gin Joint", "Fall Guy", "Dead End"],
};

/**
 * Title shapes. Placeholders such as {Adj}, {Noun}, {Nouns}, {Name}, {Animal}, {Animals}, {Ord} are
 * filled from the lists above (see fillTitle in movies.ts); the genre decides which shapes are likely.
 */
export const GENERAL_TITLE_TEMPLATES = [
  "The {Adj} {Noun}", "{Adj} {Noun}", "{Noun} of {Nouns}", "The {Noun}", "{Nouns} of {Place}",
  "The Last {Noun}", "{Verbing} the {Noun}", "{Verbing} {Place}", "A {Noun} in {Place}", "{Adj} {Nouns}",
  "The {Noun} and the {Noun}", "{Name}'s {Noun}", "Beyond the {Noun}", "Under a {Adj} {Noun}", "{Noun}",
  "After the {Noun}", "{Adj}", "All the {Adj} {Nouns}", "Before the {Noun}", "The {Noun} Keeper",
] as const;

export const GENRE_TITLE_TEMPLATES: Record<string, readonly string[]> = {
  Comedy: ["My {Relative}'s {Noun}", "{Name} Goes to {Place}", "The {Noun}", "{Name} and {Name2}", "Totally {Adj}", "Meet the {Nouns}", "{Num} Weddings Too Many"],
  Romance: ["{Season} in {Place}", "Love, {Name}", "{Num} Days in {Place}", "The {Noun}", "Letters to {Name}", "Finding {Name}"],
  Drama: ["The {Noun} of {Name} {Surname}", "{Place}", "{Name}", "A {Adj} Life", "The {Relative}", "Where the {Nouns} Go"],
  Documentary: ["Inside the {Noun}", "{Name} {Surname}: A Life", "The {Adj} Truth", "{Nouns} of {Place}", "Voices from {Place}", "The {Noun} Project"],
  Children: ["{Name} the {Animal}", "The {Adj} {Animal}", "{Animals} of {Place}", "The {Animal} Who Saved {Season}", "A {Animal} Named {Name}"],
  Animation: ["{Name} the {Animal}", "The {Adj} {Animal}", "{Animal} Island", "The {Animal} and the {Noun}", "Little {Animal}"],
  War: ["{Place} {Year}", "The {Noun} at {Place}", "Operation {Noun}", "{Nouns} of the {Noun}", "The {Ord} Day"],
  Western: ["{Adj} Creek", "Riders of {Place}", "The {Noun} at {Name}'s Ridge", "{Name} {Surname} Rides Again", "Dust and {Nouns}"],
  Horror: ["The {Noun}", "It Came from the {Noun}", "{Adj} {Noun}", "Don't Open the {Noun}", "The {Noun} Below", "{Nouns}"],
  "Sci-Fi": ["{Noun} {Num}", "The {Noun} Protocol", "Beyond the {Noun}", "{Adj} {Noun}", "Last Light on {Place}", "The {Noun} Signal"],
  Thriller: ["{Num} Hours", "The {Noun}", "Dead {Noun}", "{Adj} {Noun}", "The {Name} {Surname} Affair", "No {Noun}"],
  Crime: ["The {Noun}", "The {Place} {Noun}", "{Adj} Money", "{Name} {Surname}", "Kings of {Place}", "The Long {Noun}"],
  Musical: ["{Noun} of {Place}", "Dancing in {Place}", "{Name}!", "The {Adj} {Noun}", "Sing, {Name}"],
  Mystery: ["The {Noun} at {Place}", "The {Adj} {Noun}", "Who Killed {Name} {Surname}?", "The {Noun} of {Name} {Surname}"],
  Fantasy: ["The {Noun} of {Nouns}", "{Nouns} of the {Adj} {Noun}", "The {Adj} {Noun}", "The Last {Noun}"],
  Adventure: ["The {Noun} of {Place}", "Journey to {Place}", "The {Adj} {Noun}", "{Name} and the {Noun}"],
  Action: ["{Noun}", "{Adj} {Noun}", "Maximum {Noun}", "{Noun} {Num}", "The {Noun} Run"],
  "Film-Noir": ["{Adj} {Noun}", "The {Noun}", "Night in {Place}", "Murder on {Noun} Street", "{Name} {Surname} Takes the Fall"],
};

export const SEASONS = ["Spring", "Summer", "Autumn", "Winter", "August", "December", "June", "April"] as const;

export const FIRST_NAMES = [
  "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonas",
  "Kim", "Lena", "Marco", "Nina", "Oskar", "Paula", "Quentin", "Rosa", "Samuel", "Tara",
  "Umar", "Vera", "William", "Xenia", "Yusuf", "Zoe", "Amelia", "Bruno", "Chloe", "Daniel",
  "Emma", "Finn", "Hannah", "Isaac", "Julia", "Karim", "Laura", "Mia", "Noah", "Olivia",
  "Pedro", "Rafael", "Sofia", "Theo", "Ulla", "Victor", "Wen", "Yara", "Ji-woo", "Min-jun",
  "Seo-yeon", "Aisha", "Lukas", "Marta", "Nils", "Priya", "Ravi", "Sara", "Tomás", "Leila",
  "Maya", "Omar", "Jakob", "Charlotte", "Elias", "Frida", "Gabriel", "Helena", "Ivan", "Jade",
] as const;

export const LAST_NAMES = [
  "Müller", "Schmidt", "Smith", "Johnson", "Kim", "Lee", "Park", "Garcia", "Rossi", "Novak",
  "Fischer", "Weber", "Brown", "Taylor", "Wilson", "Martin", "Bernard", "Dubois", "Silva", "Santos",
  "Kowalski", "Nowak", "Jensen", "Hansen", "Larsen", "Okafor", "Mensah", "Haddad", "Khan", "Patel",
  "Choi", "Jung", "Kang", "Yilmaz", "Demir", "Ivanova", "Petrov", "O'Brien", "Murphy", "Walsh",
  "Becker", "Hoffmann", "Wagner", "Clarke", "Evans", "Hughes", "Moreno", "Romero", "Costa", "Ferreira",
  "Lindqvist", "Berg", "Nakamura", "Tanaka", "Nguyen", "Tran", "Cohen", "Levi", "Abbott", "Reyes",
] as const;

/** Overview pieces: who, where, and what happens, per primary genre. */
export const PROTAGONISTS = [
  "a retired detective", "a young nurse", "an estranged brother", "a struggling jazz pianist", "a small-town teacher",
  "a disgraced surgeon", "a teenage runaway", "an aging boxer", "a widowed fisherman", "a rookie journalist",
  "a reluctant heiress", "a childhood friend", "a night-shift taxi driver", "an ambitious chef", "a stubborn farmer",
  "a burned-out diplomat", "a gifted forger", "a single father", "a former soldier", "a restless architect",
] as const;

export const SETTINGS = [
  "a fading seaside town", "1970s Marseille", "a remote research station", "a crumbling family estate", "the back streets of Naples",
  "a snowed-in mountain hotel", "a border town", "an island ferry", "a sleepless city", "a village that time forgot",
  "a cargo ship bound for Lisbon", "post-war Vienna", "a Brooklyn walk-up", "the Scottish Highlands", "a Seoul night market",
] as const;

export const OVERVIEW_TEMPLATES: Record<string, readonly string[]> = {
  Drama: [
    "When an old letter surfaces, {who} returns to {where} and must face the choices that split a family apart.",
    "{Who} takes one last job in {where}, and the people met along the way change everything.",
    "Over one long summer in {where}, {who} learns what it costs to keep a promise.",
  ],
  Comedy: [
    "{Who} has one week to pull off a wedding in {where}, and nothing goes to plan.",
    "A case of mistaken identity leaves {who} running a failing hotel in {where}.",
    "{Who} fakes a road trip for social media and ends up on a real one.",
  ],
  Thriller: [
    "{Who} overhears a phone call in {where} and becomes the only witness to a crime that has not happened yet.",
    "Someone in {where} knows what {who} did, and the messages are getting closer.",
    "{Who} has twelve hours to find a missing ledger before the wrong people do.",
  ],
  Action: [
    "{Who} is pulled back for one final mission when a stolen weapon surfaces in {where}.",
    "Trapped in {where} with a crew of mercenaries, {who} fights to get everyone out alive.",
  ],
  Romance: [
    "{Who} and a stranger keep missing each other in {where}, until one rainy night they don't.",
    "A summer job in {where} throws {who} together with the last person they expected to fall for.",
  ],
  Adventure: [
    "A torn map sends {who} across {where} in search of a ship that vanished a century ago.",
    "{Who} joins an expedition into the unknown and discovers the journey was never about the treasure.",
  ],
  Crime: [
    "{Who} gets mixed up with a crew planning the biggest heist {where} has ever seen.",
    "A cold case in {where} pulls {who} into a web of debts, favors and old loyalties.",
  ],
  "Sci-Fi": [
    "A signal from deep space reaches {where}, and {who} is the only one who can read it.",
    "In a near future where memories can be sold, {who} buys one that should not exist.",
  ],
  Horror: [
    "{Who} moves into a house in {where} and soon learns why the rent was so low.",
    "Cut off in {where}, {who} realizes that something is counting the survivors in the dark.",
  ],
  Fantasy: [
    "An ordinary key opens a door to another realm, and {who} must close it before the old king wakes.",
    "{Who} inherits a bookshop in {where} whose books rewrite themselves at night.",
  ],
  Children: [
    "A curious young {animal} called {Name} and friends set out to save their forest from a winter that will not end.",
    "When the town's carnival is about to close forever, a brave little {animal} named {Name} hatches a plan.",
  ],
  Animation: [
    "A lonely robot and a lost {animal} cross a frozen world to find a place called home.",
    "{Name}, a clumsy young {animal}, must learn to be brave before the great migration leaves without them.",
  ],
  Mystery: [
    "A guest disappears from a dinner party in {where}, and {who} is the only one not lying.",
    "{Who} finds a stranger's diary in {where} that describes crimes before they happen.",
  ],
  Documentary: [
    "An intimate portrait of the people who keep a small cinema alive against the odds.",
    "Filmed over ten years, this documentary follows the fishermen of {where} as their world changes.",
    "The untold story of a forgotten inventor whose ideas shaped the modern city.",
  ],
  War: [
    "In the last winter of the war, {who} leads a small unit across enemy lines to bring a message home.",
    "Based on the memories of those who were there, the story of a village caught between two armies.",
  ],
  Musical: [
    "{Who} dreams of the stage, and a run-down theater in {where} may be the last chance to get there.",
    "A street band in {where} gets one shot at the big festival, if they can stop arguing long enough.",
  ],
  Western: [
    "{Who} rides into a dying frontier town with a debt to settle and no intention of leaving quietly.",
    "When the railroad comes to the valley, a family of ranchers refuses to sell.",
  ],
  "Film-Noir": [
    "A private eye takes a simple missing-person case and finds himself framed for murder in {where}.",
    "{Who} falls for the wrong woman in {where}, and the city does not forgive mistakes.",
  ],
};

/** A closing line some overviews get, chosen by the mood of the primary genre. */
export const OVERVIEW_ENDINGS: Record<string, readonly string[]> = {
  Drama: ["A story about courage, family and second chances.", "Based on true events."],
  Comedy: ["The worst week of their lives, and the best.", "What could possibly go wrong?"],
  Thriller: ["Nothing is what it seems.", "Trust no one."],
  Crime: ["Every choice has a price.", "Based on true events."],
  Horror: ["Some doors should stay closed.", "Don't turn off the lights."],
  Mystery: ["Nothing is what it seems."],
  Romance: ["Sometimes love takes the long way round."],
  War: ["Based on true events."],
  Documentary: ["Told by the people who lived it."],
};
