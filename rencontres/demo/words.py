"""The words the demo places are made of: names, streets, prices, languages and sentences.

All invented for this project: place names, streets and phone numbers are fictional; the
descriptions are written from what the programmes and objectives are about.
"""

from rencontres.demo.styles import Style

DROP_IN_NAMES = [
    "La Maison des Petits Pas",
    "Le Nid",
    "Espace Parenthèse",
    "Les Petits Bouts",
    "La Bulle",
    "Le Petit Pont",
    "La Cabane",
    "Les Doudous",
    "L'Île aux Enfants",
    "La Ribambelle",
    "Le Jardin des Bambins",
    "Les P'tits Loups",
    "La Roulotte",
    "Le Cocon",
    "La Marelle",
    "Les Lucioles",
    "L'Escargot",
    "Le Tipi",
    "La Courte Échelle",
    "Les Pirouettes",
    "Le Baobab",
    "Le Coin des Familles",
    "La Pause Câline",
    "Les Mille-Pattes",
    "Babillage",
    "Les Cerfs-Volants",
    "L'Arbre à Palabres",
    "Le Petit Jardin",
    "Les Coccinelles",
    "La Parenthèse",
    "Le Manège",
    "La Ruche",
    "Les Galipettes",
    "L'Envol",
    "Au Fil des Bulles",
    "La Maison Ouverte",
    "Le Hamac",
    "Les Petites Mains",
    "La Cerise",
    "Le Cerf-Volant",
]
REFERRAL_NAMES = [
    "Le Trait d'Union",
    "Le Relais",
    "La Passerelle",
    "Le Pont des Familles",
    "L'Escale",
    "Le Lien",
    "La Médiane",
    "Le Fil Rouge",
    "L'Entre-Deux",
    "Le Carrefour",
    "La Boussole",
    "Le Phare",
    "La Maison du Lien",
    "Les Retrouvailles",
    "L'Intervalle",
]
CONSULTATION_SITES = [
    "Centre",
    "Gare",
    "Les Tilleuls",
    "Quartier Nord",
    "Quartier Sud",
    "Cité des Jardins",
    "Maison médicale",
    "Saint-Nicolas",
    "Les Coquelicots",
    "Hôtel de ville",
    "Plaine de jeux",
    "Les Bruyères",
]
STREET_TYPES = ["Rue"] * 8 + ["Avenue"] * 3 + ["Place", "Chaussée", "Boulevard", "Allée", "Quai"]
STREET_TYPES_BE = [*STREET_TYPES, "Chaussée", "Drève", "Clos", "Square"]
STREET_TYPES_FR = [*STREET_TYPES, "Impasse", "Chemin", "Cours"]
STREET_NAMES = [
    "des Tilleuls",
    "de la Station",
    "du Moulin",
    "de l'Église",
    "des Écoles",
    "du Marché",
    "de la Gare",
    "du Centre",
    "des Peupliers",
    "de la Paix",
    "des Champs",
    "du Parc",
    "de la Fontaine",
    "des Prés",
    "du Château",
    "de la Chapelle",
    "de la Liberté",
    "du Pont",
    "des Roses",
    "du Bois",
    "de la Source",
    "Saint-Martin",
    "Saint-Roch",
    "Sainte-Anne",
    "des Hêtres",
    "des Saules",
    "du Calvaire",
    "de la Poste",
    "de l'Industrie",
    "des Mésanges",
    "des Vergers",
    "du Progrès",
    "des Lilas",
    "des Jardins",
    "du Stade",
    "des Acacias",
    "de la Croix",
    "du Tram",
    "des Bateliers",
    "des Glycines",
]
STREET_NAMES_BE = [
    *STREET_NAMES,
    "Albert Ier",
    "Reine Astrid",
    "Jules Destrée",
    "Émile Vandervelde",
    "Léopold II",
    "des Combattants",
    "des Déportés",
    "des Alliés",
    "de la Meuse",
    "de la Sambre",
]
STREET_NAMES_FR = [
    *STREET_NAMES,
    "Jean Jaurès",
    "Victor Hugo",
    "Gambetta",
    "Jean Moulin",
    "de la République",
    "du 8 Mai 1945",
    "du 11 Novembre",
    "Pasteur",
    "Louise Michel",
    "Marie Curie",
]
PRICES = {
    Style.DROP_IN: ["Gratuit"] * 6 + ["Participation libre", "0,50 € par visite"],
    Style.REFERRAL: ["Gratuit"] * 3 + ["Participation selon les revenus des parents"],
    Style.APPOINTMENT: ["Gratuit"],
}
OTHER_LANGUAGES_BE = [
    ("ar", 10),
    ("tr", 5),
    ("en", 8),
    ("es", 3),
    ("it", 3),
    ("pt", 3),
    ("pl", 3),
    ("ro", 3),
    ("ru", 2),
    ("uk", 2),
    ("ln", 3),
    ("sw", 1),
    ("ps", 1),
    ("fa", 1),
    ("ti", 1),
    ("so", 1),
    ("bg", 2),
    ("de", 1),
]
OTHER_LANGUAGES_FR = [("ar", 10), ("en", 8), ("es", 4), ("pt", 4), ("tr", 2), ("it", 2)]
STEP_FREE_SLUG = "plain-pied"


# Descriptions: a few phrasings per objective, in our own words.
OBJECTIVE_SENTENCES = {
    "integration-culturelle": [
        "Des familles venues de partout s'y croisent autour du jeu : chacun peut parler sa "
        "langue et découvrir celle des autres.",
        "L'équipe en a fait un point d'appui pour les familles arrivées depuis peu dans le "
        "quartier.",
    ],
    "dynamisation-de-quartier": [
        "Le lieu vit avec son quartier : les parents s'y retrouvent, s'échangent des adresses "
        "et des savoir-faire, et se sentent moins seuls.",
        "Goûters partagés, balades et fêtes de saison y réunissent les voisins tout au long de "
        "l'année.",
    ],
    "remediation-sociale": [
        "Pendant que les enfants jouent tout près, des parents suivent un atelier de français, "
        "de couture ou de cuisine.",
        "Avec des partenaires de formation, le lieu aide les parents à reprendre un "
        "apprentissage à leur rythme.",
    ],
    "prevention-sante-mentale": [
        "Les accueillantes sont attentives au lien entre le tout-petit et son parent, et aux "
        "premières séparations.",
        "On peut y poser ses questions de parent sans être jugé, et trouver une oreille attentive.",
    ],
    "aide-a-la-jeunesse": [
        "L'équipe soutient les familles qui traversent une période difficile en renforçant les "
        "liens autour de l'enfant.",
        "Quand une famille en a besoin, le lieu l'aide à trouver le bon service, sans formalités.",
    ],
    "passerelles": [
        "Avant la crèche ou l'école, l'enfant s'habitue ici à d'autres visages et le parent "
        "apprend à le laisser s'éloigner un peu.",
        "Des moments de transition en douceur préparent les petits à leur première rentrée.",
    ],
    "education-permanente": [
        "Des rencontres à thème réunissent parents et intervenants : sommeil, écrans, "
        "alimentation, droits des familles…",
        "Les parents y montent ensemble des projets et partagent ce qu'ils vivent.",
    ],
    "promotion-sante-bientraitance": [
        "Le lieu fait partie du projet santé-parentalité de la consultation voisine et travaille "
        "avec la TMS du quartier.",
        "Jeux, comptines, portage : tout est pensé pour que l'enfant grandisse bien et que l'on "
        "prenne plaisir à être ensemble.",
    ],
    "maintien-du-lien": [
        "Des professionnels accompagnent la rencontre entre l'enfant et le parent qu'il voit peu "
        "ou plus du tout, dans un cadre qui le protège.",
        "Les visites se passent dans des salles aménagées pour les enfants, en présence "
        "discrète d'un intervenant.",
    ],
    "remise-de-l-enfant": [
        "Le lieu organise le passage de l'enfant d'un parent à l'autre sans que les adultes "
        "aient à se croiser.",
        "Les remises se font à heure fixe, avec un accueillant qui fait le relais entre les "
        "parents.",
    ],
    "suivi-preventif": [
        "Le médecin et la TMS suivent la croissance, le développement et les vaccins de l'enfant.",
        "Chaque séance est l'occasion de parler alimentation, sommeil et premiers pas.",
    ],
    "sante-parentalite": [
        "La consultation anime aussi des activités de groupe pour les parents : massage du "
        "bébé, portage, rencontres autour de l'allaitement.",
        "Son projet santé-parentalité s'appuie sur un lieu de rencontre enfants-parents du "
        "quartier.",
    ],
}
INTRO_SENTENCES = {
    Style.DROP_IN: [
        "On y vient avec son enfant ({ages}) pour jouer, rencontrer d'autres parents et souffler "
        "un peu.",
        "Un lieu de jeu et de parole pour les enfants ({ages}) et l'adulte qui les accompagne.",
        "Les tout-petits ({ages}) y jouent sous le regard de leur parent, pendant que les "
        "adultes prennent le temps de se parler.",
    ],
    Style.REFERRAL: [
        "Un espace neutre où un enfant ({ages}) retrouve l'un de ses parents lorsque la "
        "relation est fragile.",
        "Un lieu tiers et sécurisant qui permet à l'enfant ({ages}) de garder le contact avec "
        "ses deux parents.",
    ],
    Style.APPOINTMENT: [
        "Une consultation préventive pour les enfants ({ages}), avec un médecin et une TMS.",
        "Ici, on suit la santé des enfants ({ages}) de façon régulière.",
    ],
}
# What an organiser adds to the access modes' names ("Accueil libre et anonyme"), never the
# names again in other words: the place page says both.
ACCESS_DETAILS = {
    Style.DROP_IN: [
        "Venez le temps qui vous convient, une heure ou tout l'accueil.",
        "Une première visite pour voir suffit : revenez quand vous voulez.",
    ],
    Style.REFERRAL: [
        "Un entretien préalable a lieu avec chaque parent avant la première visite.",
        "Premier contact par téléphone, avec chacun des parents séparément.",
    ],
    Style.APPOINTMENT: [
        "À prendre par téléphone auprès de la TMS.",
        "Par téléphone, du lundi au vendredi, le matin.",
    ],
}
DISCREET_NOTE = (
    "Pour la sécurité des familles, l'adresse n'est pas publiée : elle est donnée par téléphone."
)
