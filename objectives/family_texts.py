"""What each term of the taxonomy means for a family, in French, Dutch and English: plain words
for a parent, written for this site (not the Annexe's or the FFER's wording). Loaded by
migration 0006 for the terms the platform starts with; ONE staff edit them afterwards in the
admin."""

# slug: (explanation in French, in Dutch, in English)
TERMS = {
    "lieux-rencontre-enfants-parents": (
        "Un lieu où vous venez jouer avec votre tout-petit, sans rendez-vous et sans donner "
        "votre nom. Vous restez avec votre enfant ; des accueillants sont là pour parler si "
        "vous le souhaitez.",
        "Een plek waar u met uw kleintje komt spelen, zonder afspraak en zonder uw naam te "
        "geven. U blijft bij uw kind; er zijn onthaalmedewerkers om mee te praten als u dat "
        "wilt.",
        "A place where you come to play with your little one, with no appointment and without "
        "giving your name. You stay with your child; staff are there to talk if you wish.",
    ),
    "espaces-de-rencontre": (
        "Un lieu neutre et sûr où un enfant voit un parent qu'il ne voit plus ailleurs. Les "
        "visites sont décidées par le juge ou convenues entre les parents, et des "
        "professionnels les accompagnent.",
        "Een neutrale, veilige plek waar een kind een ouder ziet die het elders niet meer "
        "ziet. De bezoeken worden door de rechter beslist of tussen de ouders afgesproken, en "
        "professionals begeleiden ze.",
        "A neutral, safe place where a child sees a parent they no longer see elsewhere. "
        "Visits are ordered by a judge or agreed between the parents, and professionals are "
        "present.",
    ),
    "consultations-enfants": (
        "Des rendez-vous gratuits avec un médecin et une infirmière de l'ONE pour suivre la "
        "santé de votre enfant, de la naissance à 6 ans.",
        "Gratis afspraken met een arts en een verpleegkundige van het ONE om de gezondheid "
        "van uw kind te volgen, van de geboorte tot 6 jaar.",
        "Free appointments with an ONE doctor and nurse to follow your child's health, from "
        "birth to age 6.",
    ),
    "integration-culturelle": (
        "Des familles venues de partout se retrouvent ici. Chacun peut y trouver sa place, "
        "quelle que soit sa langue ou son pays d'origine.",
        "Gezinnen van overal ter wereld ontmoeten elkaar hier. Iedereen vindt er zijn plek, "
        "welke taal hij ook spreekt of uit welk land hij ook komt.",
        "Families from all over the world meet here. Everyone can find their place, whatever "
        "their language or home country.",
    ),
    "dynamisation-de-quartier": (
        "Le lieu fait vivre le quartier : on y rencontre d'autres parents du coin, on sort de "
        "chez soi et on partage ce qu'on sait faire.",
        "De plek brengt leven in de buurt: u ontmoet andere ouders uit de buurt, komt eens "
        "buiten en deelt wat u kunt.",
        "The place brings the neighbourhood together: you meet other local parents, get out "
        "of the house and share what you know how to do.",
    ),
    "remediation-sociale": (
        "Pendant que les enfants jouent, ou à d'autres moments, les parents peuvent apprendre "
        "le français, lire et écrire, cuisiner ou coudre, pour avancer vers un travail.",
        "Terwijl de kinderen spelen, of op andere momenten, kunnen ouders Frans leren, lezen "
        "en schrijven, koken of naaien, als stap naar werk.",
        "While the children play, or at other times, parents can learn French, reading and "
        "writing, cooking or sewing, as a step towards work.",
    ),
    "prevention-sante-mentale": (
        "Un soutien pour le lien entre vous et votre bébé : aider l'enfant à grandir, à se "
        "séparer de vous en confiance, et en parler tôt quand c'est difficile.",
        "Steun voor de band tussen u en uw baby: uw kind helpen groeien, zich met vertrouwen "
        "van u los te maken, en er vroeg over praten als het moeilijk gaat.",
        "Support for the bond between you and your baby: helping your child grow, separate "
        "from you with confidence, and talking early when things are hard.",
    ),
    "aide-a-la-jeunesse": (
        "Quand la vie est dure pour la famille, le lieu aide à garder ou à refaire des liens : "
        "entre vous et votre enfant, avec d'autres parents, avec des personnes qui peuvent "
        "aider.",
        "Als het leven zwaar is voor het gezin, helpt de plek om banden te bewaren of te "
        "herstellen: tussen u en uw kind, met andere ouders, met mensen die kunnen helpen.",
        "When life is hard for the family, the place helps keep or rebuild ties: between you "
        "and your child, with other parents, with people who can help.",
    ),
    "passerelles": (
        "Pour préparer doucement votre enfant, et vous-même, à se quitter quelques heures : "
        "avant la crèche, l'école ou tout autre grand changement.",
        "Om uw kind, en uzelf, rustig voor te bereiden op een paar uur apart zijn: voor de "
        "kinderopvang, de school of een andere grote verandering.",
        "To gently prepare your child, and yourself, for a few hours apart: before nursery, "
        "school or any other big change.",
    ),
    "education-permanente": (
        "Des moments pour apprendre ensemble, entre parents et avec des professionnels, "
        "autour d'activités avec les enfants.",
        "Momenten om samen te leren, tussen ouders en met professionals, rond activiteiten met "
        "de kinderen.",
        "Times to learn together, with other parents and professionals, around activities "
        "with the children.",
    ),
    "promotion-sante-bientraitance": (
        "Un lieu pour prendre soin de la santé et du bien-être de votre enfant, et de la "
        "relation avec lui, souvent avec l'équipe de la consultation ONE.",
        "Een plek om te zorgen voor de gezondheid en het welzijn van uw kind, en voor uw band "
        "met het kind, vaak samen met het team van het ONE-consultatiebureau.",
        "A place to look after your child's health and well-being, and your relationship "
        "with them, often with the ONE clinic's team.",
    ),
    "maintien-du-lien": (
        "Votre enfant peut voir son autre parent dans un lieu sûr, avec des professionnels "
        "présents, quand la relation est difficile.",
        "Uw kind kan zijn andere ouder zien op een veilige plek, met professionals erbij, als "
        "de relatie moeilijk is.",
        "Your child can see their other parent in a safe place, with professionals present, "
        "when the relationship is difficult.",
    ),
    "remise-de-l-enfant": (
        "Votre enfant passe d'un parent à l'autre ici, sans que les deux parents aient à se "
        "croiser.",
        "Uw kind gaat hier van de ene ouder naar de andere, zonder dat de ouders elkaar "
        "hoeven te zien.",
        "Your child goes from one parent to the other here, without the parents having to meet.",
    ),
    "suivi-preventif": (
        "Vaccins, poids, taille, développement : un suivi régulier et gratuit de la santé de "
        "votre enfant.",
        "Vaccinaties, gewicht, lengte, ontwikkeling: een regelmatige en gratis opvolging van "
        "de gezondheid van uw kind.",
        "Vaccinations, weight, height, development: regular, free check-ups of your child's "
        "health.",
    ),
    "sante-parentalite": (
        "Des activités en groupe proposées par la consultation ONE pour soutenir les parents, "
        "souvent avec un lieu de rencontre.",
        "Groepsactiviteiten van het ONE-consultatiebureau om ouders te steunen, vaak samen met "
        "een ontmoetingsplaats.",
        "Group activities run by the ONE clinic to support parents, often with a meeting place.",
    ),
}
