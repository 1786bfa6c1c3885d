"""Tests for the multilingual cue lexicons (pipeline/cues).

Each language has, for every cue class, phrases that must fire the class and
phrases that must not. The negatives are mostly the close calls of the
annotation guideline (vague words, cited years, past dates, negated needs),
because those are the mistakes that would teach the model the wrong thing.
"""
from __future__ import annotations

import json
import re
import time
from importlib import resources

import pytest

from pipeline.cues import CUE_CLASSES, LANGUAGES, CueMatch, find_cues, load_cues

EXPECTED_CLASSES = (
    "need", "negation", "vague", "equipment", "skills", "funding",
    "infrastructure", "action", "quantity", "place", "future_time", "year",
    "past_time", "citation", "frequency", "procedure", "support_given",
    "achievement", "reported_challenge", "conditional", "circumstance", "heading",
)


def classes_in(text: str, lang: str) -> set[str]:
    return {m.cue for m in find_cues(text, lang)}


# ---------------------------------------------------------------------------
# Per language, per class: (must match, must not match)
# ---------------------------------------------------------------------------
CASES: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "en": {
        "need": (
            ["We lack the resources to fully implement the Convention.",
             "The main constraint is the shortage of accredited laboratories.",
             "The Party would welcome assistance in developing a national inventory.",
             "There are no accredited laboratories in the country.",
             "Insufficient funding remains the key obstacle.",
             "It would be useful to receive training on sampling methods.",
             "Six additional inspectors will have to be recruited.",
             "The provincial laboratory is short of reagents.",
             "The country has neither a landfill nor an incinerator for hazardous waste.",
             "A study tour to a neighbouring country would be very useful."],
            ["Japan funded the regional workshop held in Manila in June 2024.",
             "The national inventory was completed in 2023.",
             "The country does not need external funding for this activity.",
             "The Conference of the Parties may wish to take note of the report."],
        ),
        "negation": (
            ["The Party no longer requires assistance for stockpile destruction.",
             "The country does not need external funding for this activity.",
             "The inventory will be carried out without any need for external support.",
             "No additional funding is required.",
             "Clearance is financed from the country's own resources.",
             "The ministry is self-sufficient in laboratory analysis."],
            ["We need additional funding.",
             "The Party requires assistance.",
             "Lack of trained staff is a major obstacle."],
        ),
        "vague": (
            ["We lack the resources to fully implement the Convention.",
             "Support from partners is needed.",
             "Capacity-building remains a priority.",
             "The institutional capacity of the ministry is weak.",
             "Cooperation with neighbouring countries should be strengthened."],
            ["Technical assistance is needed to draft regulations.",
             "Financial resources are insufficient.",
             "Human resources are limited.",
             "The laboratory needs a mercury analyser."],
        ),
        "equipment": (
            ["The laboratory needs a mercury analyser.",
             "We need laboratory equipment and reagents.",
             "Customs officers lack portable detectors.",
             "Access to mercury-free technologies is limited.",
             "Technology transfer is needed.",
             "Two off-road vehicles and spare parts are required.",
             "Workers have no personal protective equipment.",
             "Miners lack access to mercury-free processing methods."],
            ["Support from partners is needed.",
             "The legal instruments are in place.",
             "A temporary storage facility must be built.",
             "Training of customs officers is required."],
        ),
        "skills": (
            ["Technical assistance is needed to draft regulations.",
             "There is a shortage of qualified personnel.",
             "Training of customs officers is required.",
             "Exchange of experience with other Parties would be useful.",
             "The ministry lacks technical capacity.",
             "Expertise in risk assessment is needed.",
             "There is a shortage of qualified hydrologists.",
             "Customs officers are not trained to recognise these chemicals."],
            ["We need more support.",
             "Capacity-building remains a priority.",
             "Financial resources are insufficient.",
             "The institutional capacity of the ministry is weak.",
             "A new warehouse is needed."],
        ),
        "funding": (
            ["Financial resources are insufficient.",
             "We need a grant of USD 2 million.",
             "The costs are beyond the reach of national finances.",
             "Donor funding is unpredictable and short-term.",
             "Co-financing could not be secured.",
             "The budget allocated is insufficient."],
            ["We need more support.",
             "Technical assistance is needed.",
             "Capacity-building remains a priority.",
             "Human resources are limited."],
        ),
        "infrastructure": (
            ["A temporary storage facility for mercury waste must be built.",
             "There are no accredited laboratories in the country.",
             "A national database of contaminated sites is needed.",
             "An early warning system should be established.",
             "The pollutant release and transfer register is not yet operational.",
             "The rehabilitation centre needs to be extended.",
             "The coastal embankments in the delta must be raised before 2030.",
             "New distribution lines are needed to connect 300 villages to the grid.",
             "The irrigation schemes in the valley need to be rehabilitated.",
             "The district has no seed bank for local maize varieties.",
             "Two armouries for the border police must be built by 2027.",
             "Funding is sought to build a dechlorination plant for PCB oils.",
             "A battery storage plant is needed to stabilise the island grid.",
             "The tree nurseries of the forestry service must be expanded.",
             "The prosthetic workshop in the provincial capital must be rebuilt.",
             "Some 200 boreholes and 15 small dams will have to be rehabilitated.",
             "The country has no system for tracking mercury imports.",
             "The seawall protecting the capital has to be rebuilt.",
             "Ranger posts and firebreaks in the reserve need to be restored.",
             "The surgical wing of the referral hospital must be rebuilt."],
            ["We need laboratory equipment and reagents.",
             "Training of customs officers is required.",
             "Financial resources are insufficient.",
             "Support from the Global Environment Facility is requested.",
             "Capacity-building for customs officers is a priority.",
             "Patrol boats and satellite surveillance systems are needed.",
             "The cement kilns have no mercury emission control systems.",
             "Activated carbon injection systems must be installed in both kilns.",
             "Storage batteries and inverters are required for solar home systems.",
             "Two continuous emission monitoring systems need to be purchased.",
             "Off-road vehicles are needed for the survey teams.",
             "Dental clinics lack amalgam separators.",
             "Mercury thermometers in district hospitals must be replaced."],
        ),
        "action": (
            ["Train 40 customs officers in the use of detectors.",
             "Build a temporary storage facility for mercury waste.",
             "Carry out a national inventory of mercury releases.",
             "Replace mercury thermometers in public hospitals.",
             "Clear 12 km2 in X province.",
             "Construction of a hazardous waste incinerator is planned.",
             "The ministry intends to create a national register of contaminated sites.",
             "Field staff need to be trained in sampling.",
             "The national implementation plan needs to be updated.",
             "Funds are needed to restore 300 hectares of mangroves.",
             "Support is needed for the development of national legislation on chemicals."],
            ["We need training.",
             "We need equipment.",
             "We lack the resources to fully implement the Convention.",
             "Insufficient funding remains the key obstacle.",
             "Trained staff are lacking at the border posts.",
             "The law introduced extended producer responsibility.",
             "The updated NDC was submitted in 2022.",
             "The inventory was prepared with the support of UNDP.",
             "The draft decree was adopted last year."],
        ),
        "quantity": (
            ["Train 40 customs officers.",
             "Clear 12 km2.",
             "The area covers 15 hectares.",
             "Equip 3 laboratories.",
             "Purchase two mobile units.",
             "Reduce emissions by 30% by 2030."],
            ["decision BC-14/12 of 2019",
             "Article 7 of the Convention",
             "in accordance with paragraph 3",
             "before the Article 4 deadline of 1 August 2028",
             "costs expressed in USD 2015"],
        ),
        "place": (
            ["Clear 12 km2 in X province.",
             "A warehouse is needed in the capital.",
             "Scanners are needed at the port of Mombasa.",
             "Replace thermometers in 42 district hospitals.",
             "The sites are in the northern region.",
             "A workshop in Manila is planned."],
            ["We need more support.",
             "in accordance with Article 7",
             "In 2025 the Party will update its plan.",
             "Training in the field of chemicals management."],
        ),
        "future_time": (
            ["by 2030", "by the end of 2028", "in 2025-2026",
             "over the next three years", "within six months", "before COP 31",
             "between 2025 and 2027", "phase I (2025–2026)", "until 2030",
             "USD 3 million is needed over 2026-2029.",
             "The plan for the 2026–2030 period is not yet funded."],
            ["decision BC-14/12 of 2019", "since 2010", "annually",
             "costs expressed in USD 2015",
             "The national inventory was completed in 2023."],
        ),
        "year": (
            ["in 2023", "by 2030", "(2019)"],
            ["Train 40 customs officers.", "MC-5/12", "COP 31"],
        ),
        "past_time": (
            ["since 2010", "in the past", "last year", "previously",
             "The inventory was completed in 2019.",
             "Over the past five years, imports declined.",
             "In 2023, the ministry carried out a survey of 40 mining sites.",
             "The agency destroyed 300 tonnes of expired pesticides.",
             "Eleven Parties requested assistance with their inventories.",
             "The country has updated its national implementation plan."],
            ["by 2030", "over the next three years", "We need funding.",
             "before COP 31",
             "An estimated 300 tonnes of pesticides remain in storage.",
             "Many Parties have limited access to alternatives.",
             "The landfill project is considered a priority."],
        ),
        "citation": (
            ["decision BC-14/12 of 2019", "see MC-5/12",
             "document UNEP/MC/COP.6/12", "report FCCC/CP/2024/11",
             "pursuant to Article 7", "Law No. 123 of 2015",
             "in constant 2010 prices", "costs expressed in USD 2015",
             "the survey (2019)", "in accordance with paragraph 3"],
            ["by 2030", "Train 40 customs officers.", "over the next three years",
             "We need USD 2 million.", "with international support"],
        ),
        "frequency": (
            ["Reports are submitted annually.", "every year", "biennial reports",
             "each year", "periodically", "twice a year"],
            ["by 2030", "since 2010", "within six months", "We need funding."],
        ),
        "procedure": (
            ["The Conference of the Parties may wish to consider the report.",
             "Invites Parties to provide information.",
             "Requests the Secretariat to compile the submissions.",
             "Decides to extend the mandate.",
             "Takes note of the report.",
             "Welcomes the contribution of Norway.",
             "Urges Parties to ratify the Convention."],
            ["The Party would welcome assistance.",
             "We need funding.",
             "The Party requests support from development partners.",
             "The inventory was completed in 2023."],
        ),
        "support_given": (
            ["Japan funded the regional workshop held in Manila in June 2024.",
             "The project was financed by the GEF.",
             "Equipment was provided by UNDP.",
             "With the support of Norway, 20 officers were trained.",
             "The EU donated two vehicles.",
             "The Party has benefited from support from UNEP."],
            ["The Party would benefit from technical assistance.",
             "We need funding.",
             "provided that funding is received",
             "Invites Parties to provide support."],
        ),
        "achievement": (
            ["The national inventory was completed in 2023.",
             "The law has been adopted.",
             "40 officers were trained in 2022.",
             "The Minamata Initial Assessment was finalized.",
             "The regulation entered into force in 2021.",
             "Stockpile destruction was successfully completed."],
            ["The inventory will be completed by 2027.",
             "We need to complete the inventory.",
             "A storage facility must be built.",
             "Training of customs officers is required."],
        ),
        "reported_challenge": (
            ["Many Parties face insufficient funding.",
             "Several Parties indicated a lack of trained staff.",
             "Noting the challenges faced by developing countries,",
             "Of 16 States Parties with clearance obligations, eight indicated a need for assistance.",
             "Parties reported limited access to alternative technologies.",
             "The most frequently cited challenges were funding and staff."],
            ["The Party requests assistance.",
             "We lack trained staff.",
             "Invites Parties to provide support.",
             "Urges all Parties to ratify the Convention."],
        ),
        "conditional": (
            ["With international support, the country can reduce emissions by 30% by 2030.",
             "subject to the availability of funding",
             "conditional on receiving support",
             "provided that funding is received",
             "The measure will be implemented if support is received.",
             "The target is conditional."],
            ["Japan funded the workshop.", "We need funding.",
             "The country will reduce emissions by 10% unconditionally."],
        ),
        "circumstance": (
            ["Poverty affects 40% of the population.",
             "As a landlocked country, transport costs are high.",
             "As a small island developing State,",
             "The country faces a severe energy deficit.",
             "drought-prone regions",
             "The country is highly vulnerable to climate change."],
            ["We need funding.", "Train 40 customs officers.",
             "The inventory was completed."],
        ),
        "heading": (
            ["Section 3: Financial resources", "III. Needs and challenges",
             "Annex I", "Article 7:", "Chapter 2", "EXECUTIVE SUMMARY",
             "1.2 Data and monitoring"],
            ["In accordance with Article 7, the Party reports annually.",
             "We need funding.", "The Party lacks laboratories."],
        ),
    },
    "fr": {
        "need": (
            ["Nous avons besoin d'un financement de 2 millions USD pour dépolluer 15 km2 dans la province de X entre 2025 et 2027.",
             "Le manque de personnel qualifié constitue un obstacle majeur.",
             "Le pays ne dispose pas de laboratoire accrédité.",
             "Il serait utile de recevoir une formation sur l’échantillonnage.",
             "Les ressources financières sont insuffisantes.",
             "Le pays sollicite l'appui des partenaires techniques et financiers.",
             "Les centres de santé sont dépourvus de thermomètres numériques.",
             "Le ministère accueillerait favorablement un appui pour l'inventaire.",
             "Les laboratoires régionaux ne disposent toujours pas d'analyseurs.",
             "Les agents des douanes doivent être formés à l'utilisation des détecteurs.",
             "Le pays ne pourra pas achever le déminage sans fonds supplémentaires."],
            ["Le Japon a financé l'atelier régional tenu à Dakar en juin 2024.",
             "L'inventaire national a été achevé en 2023.",
             "Le pays n'a plus besoin d'assistance pour la destruction des stocks.",
             "La Conférence des Parties voudra peut-être prendre note du rapport.",
             "Le pays ne pourra atteindre cet objectif que si les partenaires l'appuient."],
        ),
        "negation": (
            ["Le pays n'a plus besoin d'assistance pour la destruction des stocks.",
             "Ce projet ne nécessite pas de financement extérieur.",
             "L'inventaire sera réalisé sans besoin d'appui extérieur.",
             "Aucune assistance n’est requise.",
             "Les travaux sont financés sur ses propres ressources.",
             "Le ministère est autosuffisant en matière d'analyses."],
            ["Nous avons besoin d'un appui financier.",
             "Le pays nécessite une assistance technique.",
             "Le manque de personnel qualifié."],
        ),
        "vague": (
            ["Nous manquons de ressources pour mettre en œuvre la Convention.",
             "Le renforcement des capacités reste une priorité.",
             "Un appui des partenaires est nécessaire.",
             "Les moyens sont limités.",
             "La coopération régionale doit être renforcée.",
             "Les capacités institutionnelles sont faibles."],
            ["Une assistance technique est nécessaire.",
             "Les ressources financières sont insuffisantes.",
             "Les ressources humaines sont limitées.",
             "Un appui technique est requis."],
        ),
        "equipment": (
            ["Le laboratoire a besoin d'un analyseur de mercure.",
             "Nous avons besoin d'équipements de laboratoire.",
             "Les douaniers manquent de détecteurs portables.",
             "L'accès aux technologies sans mercure est limité.",
             "Le transfert de technologies est nécessaire.",
             "Des véhicules tout-terrain et des pièces de rechange sont requis."],
            ["Un appui des partenaires est nécessaire.",
             "Les instruments juridiques sont en place.",
             "La formation des agents de douane est nécessaire.",
             "Un site de stockage provisoire doit être construit."],
        ),
        "skills": (
            ["Une assistance technique est nécessaire pour rédiger les textes.",
             "Le manque de personnel qualifié constitue un obstacle majeur.",
             "La formation des agents de douane est nécessaire.",
             "Des échanges d'expériences avec d'autres Parties seraient utiles.",
             "Les capacités techniques du ministère sont faibles.",
             "Le pays manque d'experts en évaluation des risques."],
            ["Nous avons besoin de davantage de soutien.",
             "Le renforcement des capacités reste une priorité.",
             "Les ressources financières sont insuffisantes.",
             "Les capacités institutionnelles sont faibles."],
        ),
        "funding": (
            ["Les ressources financières sont insuffisantes.",
             "Nous avons besoin d'un financement de 2 millions USD.",
             "Les coûts dépassent les moyens de l'État.",
             "Le budget alloué est insuffisant.",
             "Le cofinancement n'a pas pu être mobilisé.",
             "Une subvention de 500 000 FCFA est demandée."],
            ["Nous avons besoin de davantage de soutien.",
             "Une assistance technique est nécessaire.",
             "Les capacités institutionnelles sont faibles.",
             "Les ressources humaines sont limitées."],
        ),
        "infrastructure": (
            ["Un site de stockage provisoire des déchets de mercure doit être construit.",
             "Il n'existe pas de laboratoire accrédité dans le pays.",
             "Une base de données nationale des sites contaminés est nécessaire.",
             "Un système d'alerte précoce doit être mis en place.",
             "Le registre des rejets et transferts de polluants n'est pas opérationnel.",
             "Le centre de réadaptation doit être agrandi.",
             "Les digues côtières du delta doivent être rehaussées avant 2030.",
             "De nouvelles lignes de distribution sont nécessaires pour raccorder 300 villages.",
             "Les périmètres irrigués de la vallée doivent être réhabilités.",
             "Le district ne dispose d'aucune banque de semences pour les variétés locales de maïs.",
             "Deux armureries pour la police des frontières doivent être construites.",
             "Un financement est recherché pour construire une usine de déchloration des huiles contenant des PCB.",
             "Une centrale de stockage par batteries est nécessaire pour stabiliser le réseau de l'île.",
             "Les pépinières du service forestier doivent être agrandies.",
             "L'atelier d'orthopédie du chef-lieu de province doit être reconstruit.",
             "Quelque 200 forages et 15 petits barrages devront être réhabilités.",
             "Le système national de suivi des importations de mercure reste à mettre en place.",
             "Les postes de garde et les pare-feu de la réserve doivent être restaurés.",
             "Le bloc opératoire de l'hôpital de référence doit être rénové."],
            ["Nous avons besoin d'équipements de laboratoire.",
             "La formation des agents de douane est nécessaire.",
             "Un appui du Fonds pour l'environnement mondial est sollicité.",
             "Des embarcations de patrouille et des systèmes de surveillance par satellite sont nécessaires.",
             "Les cimenteries ne disposent pas de systèmes de contrôle des émissions de mercure.",
             "Des systèmes d'injection de charbon actif doivent être installés dans les deux fours.",
             "Des batteries de stockage et des onduleurs sont nécessaires.",
             "Deux systèmes de surveillance continue des émissions doivent être achetés.",
             "Les cliniques dentaires ne disposent pas de séparateurs d'amalgame.",
             "L'accès aux technologies de stockage par batteries reste limité."],
        ),
        "action": (
            ["Former 40 agents de douane à l'utilisation des détecteurs.",
             "Construire un site de stockage provisoire.",
             "Réaliser un inventaire national des rejets de mercure.",
             "Remplacer les thermomètres à mercure dans les hôpitaux publics.",
             "Dépolluer 15 km2 dans la province de X.",
             "La construction d'un incinérateur de déchets dangereux est prévue.",
             "Les pépinières du district doivent être agrandies.",
             "La formation de 30 vulgarisateurs est nécessaire.",
             "Les règlements d'application doivent être élaborés d'ici à 2026.",
             "Un appui est nécessaire pour la restauration des mangroves du littoral."],
            ["Nous avons besoin de formation.",
             "Nous avons besoin d'équipements.",
             "Nous manquons de ressources pour mettre en œuvre la Convention.",
             "Le financement est insuffisant.",
             "Le décret instaure la responsabilité élargie des producteurs.",
             "Le Comité invite les États à fournir une assistance financière.",
             "Le pays ne dispose d'aucune installation de traitement des déchets dangereux.",
             "Le comité national a mis en place un groupe de travail."],
        ),
        "quantity": (
            ["Former 40 agents de douane.", "Dépolluer 15 km2.",
             "La zone couvre 12 hectares.", "Équiper 3 laboratoires.",
             "Acquérir deux unités mobiles.",
             "réduire les émissions de 30 % d'ici 2030"],
            ["la décision BC-14/12 de 2019", "l'article 7 de la Convention",
             "conformément au paragraphe 3", "aux prix constants de 2015"],
        ),
        "place": (
            ["dans la province de Kasaï", "un entrepôt dans la capitale",
             "au port de Douala", "dans 42 hôpitaux de district",
             "un atelier à Kinshasa", "en zones rurales"],
            ["conformément à l'article 7", "en 2025", "à l'horizon 2030",
             "Nous avons besoin de formation."],
        ),
        "future_time": (
            ["d'ici 2030", "à l'horizon 2030", "d’ici la fin de 2028",
             "entre 2025 et 2027", "au cours des trois prochaines années",
             "dans un délai de six mois", "avant la COP 31",
             "phase I (2025–2026)", "jusqu'en 2030",
             "d'ici au 31 décembre 2027"],
            ["la décision BC-14/12 de 2019", "depuis 2010", "annuellement",
             "L'inventaire a été achevé en 2023."],
        ),
        "year": (
            ["en 2023", "d'ici 2030"],
            ["Former 40 agents de douane.", "MC-5/12"],
        ),
        "past_time": (
            ["depuis 2010", "par le passé", "l'année dernière", "auparavant",
             "L'inventaire a été achevé en 2019.",
             "au cours des cinq dernières années",
             "Plusieurs Parties ont fait état de difficultés d'accès aux technologies.",
             "Les dépenses se sont élevées à 2 millions de dollars.",
             "La stratégie nationale, adoptée en 2021, fixe des objectifs chiffrés."],
            ["d'ici 2030", "au cours des trois prochaines années",
             "Nous avons besoin de financement.", "avant la COP 31",
             "Le pays pourrait réduire ses émissions de 20 % d'ici à 2030.",
             "Une réunion prévue en 2027 examinera le rapport.",
             "Le Tchad est partie à la Convention."],
        ),
        "citation": (
            ["la décision BC-14/12 de 2019", "document UNEP/MC/COP.6/12",
             "conformément à l'article 7",
             "la loi n° 2015-123 du 12 mars 2015",
             "aux prix constants de 2015", "en application du paragraphe 3"],
            ["d'ici 2030", "Former 40 agents de douane.",
             "avec l'appui international"],
        ),
        "frequency": (
            ["annuellement", "chaque année", "rapport biennal",
             "tous les deux ans", "périodiquement", "deux fois par an"],
            ["d'ici 2030", "depuis 2010", "dans un délai de six mois"],
        ),
        "procedure": (
            ["La Conférence des Parties voudra peut-être prendre note du rapport.",
             "Invite les Parties à fournir des informations.",
             "Prie le Secrétariat de compiler les communications.",
             "Décide de prolonger le mandat.",
             "Prend note du rapport.",
             "Se félicite de la contribution de la Norvège."],
            ["Le pays sollicite l'appui des partenaires.",
             "Nous avons besoin de financement.",
             "L'inventaire a été achevé en 2023."],
        ),
        "support_given": (
            ["Le Japon a financé l'atelier régional tenu à Dakar en juin 2024.",
             "Le projet a été financé par le FEM.",
             "Le matériel a été fourni par le PNUD.",
             "Avec l'appui de la Norvège, 20 agents ont été formés.",
             "Grâce au soutien de l'Union européenne, deux véhicules ont été acquis.",
             "Le pays a bénéficié d'un appui du PNUE."],
            ["Le pays pourrait bénéficier d'une assistance technique.",
             "Nous avons besoin de financement.",
             "sous réserve de la disponibilité des fonds",
             "Invite les Parties à fournir un appui."],
        ),
        "achievement": (
            ["L'inventaire national a été achevé en 2023.",
             "La loi a été adoptée.",
             "40 agents ont été formés en 2022.",
             "Le règlement est entré en vigueur en 2021.",
             "La destruction des stocks a été menée avec succès.",
             "Le pays a ratifié la Convention en 2019."],
            ["L'inventaire sera achevé d'ici 2027.",
             "Il faut achever l'inventaire.",
             "Un site de stockage doit être construit."],
        ),
        "reported_challenge": (
            ["Plusieurs Parties ont signalé un manque de personnel formé.",
             "De nombreux pays sont confrontés à un financement insuffisant.",
             "Notant les défis auxquels sont confrontés les pays en développement,",
             "La plupart des Parties ont indiqué des difficultés d'accès aux technologies.",
             "les difficultés rencontrées par les Parties"],
            ["Le pays sollicite une assistance.",
             "Nous manquons de personnel formé.",
             "Invite les Parties à fournir un appui."],
        ),
        "conditional": (
            ["Avec l'appui international, le pays peut réduire ses émissions de 30 % d'ici 2030.",
             "sous réserve de la disponibilité des fonds",
             "à condition que le financement soit mobilisé",
             "La contribution est conditionnelle.",
             "si le financement est obtenu"],
            ["Le Japon a financé l'atelier.", "Nous avons besoin de financement.",
             "La contribution inconditionnelle du pays."],
        ),
        "circumstance": (
            ["La pauvreté touche 40 % de la population.",
             "En tant que pays sans littoral, les coûts de transport sont élevés.",
             "les petits États insulaires en développement",
             "Le pays connaît un déficit énergétique important.",
             "des régions sujettes à la sécheresse",
             "Le pays est très vulnérable aux changements climatiques."],
            ["Nous avons besoin de financement.", "Former 40 agents de douane.",
             "L'inventaire a été achevé."],
        ),
        "heading": (
            ["Section 3 : Ressources financières", "III. Besoins et défis",
             "Annexe I", "Article 7 :", "Chapitre 2", "RÉSUMÉ ANALYTIQUE"],
            ["Conformément à l'article 7, le pays fait rapport chaque année.",
             "Nous avons besoin de financement."],
        ),
    },
    "es": {
        "need": (
            ["Se requiere capacitación del personal de aduanas.",
             "La falta de personal calificado es un obstáculo importante.",
             "El país no cuenta con laboratorios acreditados.",
             "Sería útil recibir capacitación sobre muestreo.",
             "Los recursos financieros son insuficientes.",
             "El país solicita apoyo de los socios para el desarrollo.",
             "El país tendrá que construir un nuevo relleno de seguridad.",
             "La descontaminación del sitio exige fondos adicionales.",
             "El ministerio acogería con agrado apoyo técnico.",
             "El país sigue sin contar con un laboratorio acreditado."],
            ["Japón financió el taller regional celebrado en Lima en junio de 2024.",
             "El inventario nacional se completó en 2023.",
             "El país ya no necesita asistencia para la destrucción de existencias.",
             "La Conferencia de las Partes tal vez desee tomar nota del informe."],
        ),
        "negation": (
            ["El país ya no necesita asistencia.",
             "Este proyecto no requiere financiamiento externo.",
             "El inventario se realizará sin necesidad de apoyo externo.",
             "No es necesario apoyo adicional.",
             "Las obras se financian con recursos propios.",
             "El ministerio es autosuficiente."],
            ["Necesitamos financiamiento adicional.",
             "El país requiere asistencia técnica.",
             "La falta de personal calificado."],
        ),
        "vague": (
            ["Carecemos de recursos para aplicar el Convenio.",
             "El fortalecimiento de capacidades sigue siendo una prioridad.",
             "Se necesita apoyo de los socios.",
             "Los medios son limitados.",
             "Debe reforzarse la cooperación regional.",
             "La capacidad institucional del ministerio es débil."],
            ["Se necesita asistencia técnica.",
             "Los recursos financieros son insuficientes.",
             "Los recursos humanos son limitados.",
             "Se requiere apoyo técnico."],
        ),
        "equipment": (
            ["El laboratorio necesita un analizador de mercurio.",
             "Se necesitan equipos de laboratorio y reactivos.",
             "Los agentes de aduanas carecen de detectores portátiles.",
             "El acceso a tecnologías sin mercurio es limitado.",
             "Se requiere transferencia de tecnología.",
             "Se necesitan vehículos y repuestos.",
             "Faltan un detector portátil y un sensor de nivel."],
            ["Se necesita apoyo de los socios.",
             "Los instrumentos jurídicos están vigentes.",
             "Se requiere capacitación del personal de aduanas.",
             "Debe construirse un almacén temporal."],
        ),
        "skills": (
            ["Se necesita asistencia técnica para redactar reglamentos.",
             "La falta de personal calificado es un obstáculo.",
             "Se requiere capacitación del personal de aduanas.",
             "Sería útil el intercambio de experiencias con otras Partes.",
             "La capacidad técnica del ministerio es limitada.",
             "Faltan expertos en evaluación de riesgos.",
             "Se necesita un taller sobre muestreo de suelos."],
            ["Necesitamos más apoyo.",
             "El fortalecimiento de capacidades sigue siendo una prioridad.",
             "Los recursos financieros son insuficientes.",
             "La capacidad institucional es débil."],
        ),
        "funding": (
            ["Los recursos financieros son insuficientes.",
             "Necesitamos una donación de USD 2 millones.",
             "Los costos superan las posibilidades del presupuesto nacional.",
             "El financiamiento de los donantes es impredecible.",
             "No se pudo obtener cofinanciación.",
             "Se requieren 500.000 dólares."],
            ["Necesitamos más apoyo.",
             "Se necesita asistencia técnica.",
             "La capacidad institucional es débil.",
             "Los recursos humanos son limitados."],
        ),
        "infrastructure": (
            ["Debe construirse un almacén temporal para desechos de mercurio.",
             "No existen laboratorios acreditados en el país.",
             "Se necesita una base de datos nacional de sitios contaminados.",
             "Debe establecerse un sistema de alerta temprana.",
             "El registro de emisiones y transferencia de contaminantes no está operativo.",
             "El centro de rehabilitación debe ampliarse.",
             "Los diques costeros del delta deben elevarse antes de 2030.",
             "Se necesitan nuevas líneas de distribución para conectar 300 aldeas.",
             "Los canales de riego del valle deben rehabilitarse.",
             "El distrito no cuenta con un banco de germoplasma de variedades locales de maíz.",
             "Deben construirse dos armerías para la policía de fronteras.",
             "Se busca financiación para construir una planta de decloración de aceites con PCB.",
             "Se necesita una central de almacenamiento en baterías para estabilizar la red de la isla.",
             "Los viveros del servicio forestal deben ampliarse.",
             "El taller ortopédico de la capital provincial debe reconstruirse.",
             "Deberán rehabilitarse unos 200 pozos y 15 pequeñas presas.",
             "Aún no existe un sistema nacional de seguimiento de las importaciones de mercurio.",
             "Los puestos de guardaparques y los cortafuegos de la reserva deben restaurarse.",
             "El país prevé crear un panel de seguimiento en línea de los ODS."],
            ["Se necesitan equipos de laboratorio.",
             "Se requiere capacitación del personal de aduanas.",
             "Los recursos financieros son insuficientes.",
             "Se necesitan lanchas de patrullaje y sistemas de vigilancia satelital.",
             "Las cementeras no cuentan con sistemas de control de emisiones de mercurio.",
             "Deben instalarse sistemas de inyección de carbón activado en ambos hornos.",
             "Se necesitan baterías de almacenamiento e inversores.",
             "Las clínicas dentales carecen de separadores de amalgama.",
             "El acceso a tecnologías de almacenamiento en baterías sigue siendo limitado."],
        ),
        "action": (
            ["Capacitar a 40 funcionarios de aduanas en el uso de detectores.",
             "Construir un almacén temporal para desechos de mercurio.",
             "Realizar un inventario nacional de liberaciones de mercurio.",
             "Sustituir los termómetros de mercurio en los hospitales públicos.",
             "Despejar 12 km2 en la provincia de X.",
             "Se requiere capacitación del personal de aduanas.",
             "Es necesario reenvasarlos antes de su exportación.",
             "El almacén central debe ampliarse en 2026.",
             "Se necesita apoyo para preparar el informe nacional.",
             "El Ministerio pide que se organicen dos talleres para inspectores."],
            ["Necesitamos capacitación.",
             "Necesitamos equipos.",
             "Carecemos de recursos para aplicar el Convenio.",
             "El financiamiento es insuficiente.",
             "El país no dispone de una instalación de tratamiento de desechos peligrosos.",
             "La capacidad eléctrica instalada aumentó un 10 %."],
        ),
        "quantity": (
            ["Capacitar a 40 funcionarios de aduanas.", "Despejar 12 km2.",
             "La zona abarca 15 hectáreas.", "Equipar 3 laboratorios.",
             "Adquirir dos unidades móviles.",
             "reducir las emisiones en un 30 % para 2030"],
            ["la decisión BC-14/12 de 2019", "el artículo 7 del Convenio",
             "de conformidad con el párrafo 3", "a precios constantes de 2015"],
        ),
        "place": (
            ["en la provincia de Cabo Delgado", "un almacén en la capital",
             "en el puerto de Callao", "en 42 hospitales de distrito",
             "un taller en Cochabamba", "en zonas rurales"],
            ["de conformidad con el artículo 7", "en 2025", "para 2030",
             "Necesitamos capacitación."],
        ),
        "future_time": (
            ["para 2030", "antes de 2028", "hasta 2030", "en 2025-2026",
             "en los próximos tres años", "en un plazo de seis meses",
             "entre 2025 y 2027", "fase I (2025–2026)", "antes de la COP 31",
             "antes de que finalice 2027",
             "de aquí a 2030",
             "en las próximas décadas"],
            ["la decisión BC-14/12 de 2019", "desde 2010", "anualmente",
             "El inventario se completó en 2023."],
        ),
        "year": (
            ["en 2023", "para 2030"],
            ["Capacitar a 40 funcionarios.", "MC-5/12"],
        ),
        "past_time": (
            ["desde 2010", "en el pasado", "el año pasado", "anteriormente",
             "El inventario se completó en 2019.",
             "en los últimos cinco años",
             "El país ha establecido un comité nacional de coordinación."],
            ["para 2030", "en los próximos tres años",
             "Necesitamos financiamiento.", "antes de la COP 31",
             "Se necesita un sistema nuevo, ya que el actual es obsoleto."],
        ),
        "citation": (
            ["la decisión BC-14/12 de 2019", "documento UNEP/MC/COP.6/12",
             "de conformidad con el artículo 7", "la Ley N° 123 de 2015",
             "a precios constantes de 2015", "en virtud del párrafo 3"],
            ["para 2030", "Capacitar a 40 funcionarios de aduanas.",
             "con apoyo internacional"],
        ),
        "frequency": (
            ["anualmente", "cada año", "informe bienal", "todos los años",
             "periódicamente", "dos veces al año"],
            ["para 2030", "desde 2010", "en un plazo de seis meses"],
        ),
        "procedure": (
            ["La Conferencia de las Partes tal vez desee tomar nota del informe.",
             "Invita a las Partes a proporcionar información.",
             "Solicita a la Secretaría que recopile las comunicaciones.",
             "Decide prorrogar el mandato.",
             "Toma nota del informe.",
             "Insta a las Partes a ratificar el Convenio."],
            ["El país solicita apoyo de los socios.",
             "Necesitamos financiamiento.",
             "El inventario se completó en 2023."],
        ),
        "support_given": (
            ["Japón financió el taller regional celebrado en Lima en junio de 2024.",
             "El proyecto fue financiado por el FMAM.",
             "El equipo fue proporcionado por el PNUD.",
             "Con el apoyo de Noruega, se capacitó a 20 funcionarios.",
             "La Unión Europea donó dos vehículos.",
             "El país se benefició del apoyo del PNUMA."],
            ["El país se beneficiaría de asistencia técnica.",
             "Necesitamos financiamiento.",
             "siempre que se obtenga financiamiento",
             "Invita a las Partes a prestar apoyo."],
        ),
        "achievement": (
            ["El inventario nacional se completó en 2023.",
             "La ley fue aprobada.",
             "Se ha capacitado a 40 funcionarios.",
             "El reglamento entró en vigor en 2021.",
             "La destrucción de existencias se llevó a cabo con éxito.",
             "El país ha ratificado el Convenio.",
             "El informe se ha preparado con el apoyo del PNUD."],
            ["El inventario se completará para 2027.",
             "Es necesario completar el inventario.",
             "Debe construirse un almacén."],
        ),
        "reported_challenge": (
            ["Varias Partes señalaron la falta de personal capacitado.",
             "Muchos países enfrentan financiamiento insuficiente.",
             "Tomando nota de los desafíos que enfrentan los países en desarrollo,",
             "La mayoría de las Partes indicaron dificultades de acceso a tecnologías.",
             "los obstáculos señalados por las Partes"],
            ["El país solicita asistencia.",
             "Carecemos de personal capacitado.",
             "Invita a las Partes a prestar apoyo."],
        ),
        "conditional": (
            ["Con apoyo internacional, el país puede reducir sus emisiones en un 30 % para 2030.",
             "sujeto a la disponibilidad de fondos",
             "condicionado al apoyo internacional",
             "La meta es condicional.",
             "siempre que se obtenga financiamiento"],
            ["Japón financió el taller.", "Necesitamos financiamiento.",
             "La meta incondicional del país."],
        ),
        "circumstance": (
            ["La pobreza afecta al 40 % de la población.",
             "Como país sin litoral, los costos de transporte son altos.",
             "los pequeños Estados insulares en desarrollo",
             "El país sufre un déficit energético.",
             "regiones propensas a la sequía",
             "El país es muy vulnerable al cambio climático."],
            ["Necesitamos financiamiento.", "Capacitar a 40 funcionarios de aduanas.",
             "El inventario se completó."],
        ),
        "heading": (
            ["Sección 3: Recursos financieros", "III. Necesidades y desafíos",
             "Anexo I", "Artículo 7:", "Capítulo 2", "RESUMEN EJECUTIVO"],
            ["De conformidad con el artículo 7, el país informa anualmente.",
             "Necesitamos financiamiento."],
        ),
    },
    "ru": {
        "need": (
            ["Необходимо оборудование.",
             "Нехватка квалифицированных кадров является серьёзным препятствием.",
             "В стране отсутствуют аккредитованные лаборатории.",
             "Было бы полезно получить обучение методам отбора проб.",
             "Финансовых ресурсов недостаточно.",
             "Страна просит партнёров по развитию оказать поддержку.",
             "Для анализа проб почвы необходим хроматограф.",
             "Для этого потребовалось бы около 2 млн долл. США.",
             "Министерство будет признательно за техническую помощь.",
             "Потенциал комиссии по-прежнему недостаточен."],
            ["Япония профинансировала региональный семинар, проведённый в Алматы в июне 2024 года.",
             "Национальная инвентаризация была завершена в 2023 году.",
             "Страна больше не нуждается в помощи для уничтожения запасов.",
             "Конференция Сторон, возможно, пожелает принять к сведению доклад."],
        ),
        "negation": (
            ["Страна больше не нуждается в помощи.",
             "Проект не требует внешнего финансирования.",
             "Инвентаризация будет проведена без привлечения внешних средств.",
             "Дополнительная помощь не требуется.",
             "Работы финансируются за счёт собственных средств.",
             "Министерство самостоятельно проводит анализы."],
            ["Необходимо дополнительное финансирование.",
             "Требуется техническая помощь.",
             "Нехватка квалифицированных кадров."],
        ),
        "vague": (
            ["Не хватает ресурсов для выполнения Конвенции.",
             "Укрепление потенциала остаётся приоритетом.",
             "Необходима поддержка партнёров.",
             "Средства ограничены.",
             "Следует укрепить региональное сотрудничество.",
             "Институциональный потенциал министерства слаб."],
            ["Необходима техническая помощь.",
             "Финансовые ресурсы недостаточны.",
             "Кадровые ресурсы ограничены.",
             "Требуется техническая поддержка.",
             "Работы оплачены за счет средств национального бюджета."],
        ),
        "equipment": (
            ["Лаборатории нужен анализатор ртути.",
             "Необходимо лабораторное оборудование и реактивы.",
             "Таможенникам не хватает портативных детекторов.",
             "Доступ к безртутным технологиям ограничен.",
             "Требуется передача технологий.",
             "Нужны автомобили повышенной проходимости и запасные части."],
            ["Необходима поддержка партнёров.",
             "Правовые инструменты приняты.",
             "Необходимо обучение сотрудников таможни.",
             "Следует построить временное хранилище."],
        ),
        "skills": (
            ["Необходима техническая помощь для подготовки нормативных актов.",
             "Нехватка квалифицированных кадров является препятствием.",
             "Необходимо обучение сотрудников таможни.",
             "Был бы полезен обмен опытом с другими Сторонами.",
             "Технический потенциал министерства ограничен.",
             "Не хватает экспертов по оценке рисков.",
             "Районным службам не хватает подготовленных агрономов."],
            ["Необходима поддержка.",
             "Укрепление потенциала остаётся приоритетом.",
             "Финансовые ресурсы недостаточны.",
             "Институциональный потенциал слаб."],
        ),
        "funding": (
            ["Финансовые ресурсы недостаточны.",
             "Нам нужен грант в размере 2 млн долларов США.",
             "Затраты превышают возможности национального бюджета.",
             "Донорское финансирование непредсказуемо.",
             "Не удалось обеспечить софинансирование.",
             "Требуется 500 000 долл. США."],
            ["Необходима поддержка.",
             "Необходима техническая помощь.",
             "Институциональный потенциал слаб.",
             "Кадровые ресурсы ограничены."],
        ),
        "infrastructure": (
            ["Необходимо построить временное хранилище ртутных отходов.",
             "В стране нет аккредитованных лабораторий.",
             "Необходима национальная база данных загрязнённых участков.",
             "Следует создать систему раннего предупреждения.",
             "Регистр выбросов и переноса загрязнителей пока не функционирует.",
             "Реабилитационный центр необходимо расширить.",
             "Прибрежные дамбы в дельте необходимо нарастить до 2030 года.",
             "Для подключения 300 сел необходимы новые распределительные сети.",
             "Оросительные каналы в долине нуждаются в восстановлении.",
             "В районе нет банка семян местных сортов кукурузы.",
             "Для пограничной полиции необходимо построить две оружейные комнаты.",
             "Требуется финансирование для строительства установки по дехлорированию масел, содержащих ПХД.",
             "Для стабилизации энергосистемы острова необходима аккумуляторная станция накопления энергии.",
             "Питомники лесной службы необходимо расширить.",
             "Протезно-ортопедическую мастерскую в областном центре необходимо восстановить.",
             "Необходимо восстановить около 200 скважин и 15 небольших плотин.",
             "В стране нет системы отслеживания импорта ртути.",
             "Кордоны и противопожарные полосы в заповеднике необходимо восстановить.",
             "Операционный блок больницы необходимо полностью отремонтировать."],
            ["Необходимо лабораторное оборудование.",
             "Необходимо обучение сотрудников таможни.",
             "Финансовые ресурсы недостаточны.",
             "Необходимы патрульные катера и системы спутникового наблюдения.",
             "На цементных заводах нет систем контроля выбросов ртути.",
             "На обеих печах необходимо установить системы вдувания активированного угля.",
             "Необходимы аккумуляторные батареи и инверторы.",
             "В стоматологических клиниках нет амальгамных сепараторов.",
             "Необходимо обновить национальный кадастр парниковых газов."],
        ),
        "action": (
            ["Обучить 40 сотрудников таможни работе с детекторами.",
             "Построить временное хранилище ртутных отходов.",
             "Провести национальную инвентаризацию выбросов ртути.",
             "Заменить ртутные термометры в государственных больницах.",
             "Очистить 12 км2 в Хатлонской области.",
             "Планируется строительство установки для обезвреживания опасных отходов.",
             "Необходимо завершить расчистку оставшихся 5 км2.",
             "Для восстановления 300 гектаров мангровых лесов нужны средства.",
             "Лаборатория должна быть оснащена новыми приборами."],
            ["Необходимо обучение.",
             "Необходимо оборудование.",
             "Не хватает ресурсов для выполнения Конвенции.",
             "Финансирование недостаточно.",
             "Центр по разминированию нуждается в транспорте.",
             "Инвентаризация была проведена в 2020 году.",
             "Сотрудники таможни не обучены работе с детекторами."],
        ),
        "quantity": (
            ["Обучить 40 сотрудников таможни.", "Очистить 12 км2.",
             "Площадь составляет 15 гектаров.", "Оснастить 3 лаборатории.",
             "Приобрести две мобильные установки.",
             "сократить выбросы на 30 % к 2030 году"],
            ["решение BC-14/12 2019 года", "статья 7 Конвенции",
             "в соответствии с пунктом 3", "в ценах 2015 года"],
        ),
        "place": (
            ["в Хатлонской области", "склад в столице", "в порту Актау",
             "в 42 районных больницах", "семинар в Душанбе",
             "пункты пропуска на границе"],
            ["в соответствии со статьёй 7", "в 2025 году",
             "в области образования", "Необходимо обучение."],
        ),
        "future_time": (
            ["к 2030 году", "до конца 2028 года", "в 2025–2027 годах",
             "в течение трёх лет", "в ближайшие годы",
             "в течение шести месяцев", "до КС-31",
             "этап I (2025–2026 гг.)",
             "на период 2026–2028 годов",
             "в течение 2027 года",
             "до следующего совещания Конференции Сторон"],
            ["решение BC-14/12 2019 года", "с 2010 года", "ежегодно",
             "Инвентаризация была завершена в 2023 году."],
        ),
        "year": (
            ["в 2023 году", "к 2030 году"],
            ["Обучить 40 сотрудников.", "MC-5/12"],
        ),
        "past_time": (
            ["с 2010 года", "в прошлом", "в прошлом году", "ранее",
             "Инвентаризация была завершена в 2019 году.",
             "за последние пять лет",
             "Ряд Сторон указали на нехватку лабораторий.",
             "Национальный доклад подготовлен министерством экологии.",
             "В 2022 году страна импортировала 40 тонн ртути."],
            ["к 2030 году", "в ближайшие три года",
             "Необходимо финансирование.", "до КС-31",
             "Было бы полезно провести семинар для инспекторов.",
             "Ртуть по-прежнему используется на приисках."],
        ),
        "citation": (
            ["решение BC-14/12 2019 года", "документ UNEP/MC/COP.6/12",
             "в соответствии со статьёй 7",
             "Закон № 123 от 12 мая 2015 года",
             "в постоянных ценах", "в ценах 2015 года",
             "Приложение III к Конвенции"],
            ["к 2030 году", "Обучить 40 сотрудников таможни.",
             "при международной поддержке"],
        ),
        "frequency": (
            ["ежегодно", "каждый год", "двухгодичный доклад", "раз в два года",
             "периодически", "два раза в год"],
            ["к 2030 году", "с 2010 года", "в течение шести месяцев"],
        ),
        "procedure": (
            ["Конференция Сторон, возможно, пожелает принять к сведению доклад.",
             "Предлагает Сторонам представить информацию.",
             "Просит секретариат обобщить представления.",
             "Постановляет продлить мандат.",
             "Принимает к сведению доклад.",
             "Приветствует взнос Норвегии."],
            ["Страна просит партнёров оказать поддержку.",
             "Необходимо финансирование.",
             "Инвентаризация была завершена в 2023 году."],
        ),
        "support_given": (
            ["Япония профинансировала региональный семинар.",
             "Проект финансировался ГЭФ.",
             "Оборудование было предоставлено ПРООН.",
             "При поддержке Норвегии было обучено 20 сотрудников.",
             "Европейский союз безвозмездно передал два автомобиля.",
             "Страна получила помощь от ЮНЕП."],
            ["Страна нуждается в технической помощи.",
             "Необходимо финансирование.",
             "при условии получения финансирования",
             "Предлагает Сторонам оказать поддержку."],
        ),
        "achievement": (
            ["Национальная инвентаризация была завершена в 2023 году.",
             "Закон был принят.",
             "В 2022 году были обучены 40 сотрудников.",
             "Регламент вступил в силу в 2021 году.",
             "Уничтожение запасов успешно завершено.",
             "Страна ратифицировала Конвенцию в 2019 году."],
            ["Инвентаризация будет завершена к 2027 году.",
             "Необходимо завершить инвентаризацию.",
             "Следует построить хранилище.",
             "Инспекторы таможни пока не обучены.",
             "Для достижения целей требуется финансирование."],
        ),
        "reported_challenge": (
            ["Ряд Сторон сообщил о нехватке обученного персонала.",
             "Многие страны сталкиваются с недостаточным финансированием.",
             "Отмечая трудности, с которыми сталкиваются развивающиеся страны,",
             "Большинство Сторон указали на трудности с доступом к технологиям.",
             "проблемы, указанные Сторонами"],
            ["Страна просит помощи.",
             "Нам не хватает обученного персонала.",
             "Предлагает Сторонам оказать поддержку."],
        ),
        "conditional": (
            ["При международной поддержке страна может сократить выбросы на 30 % к 2030 году.",
             "при условии получения финансирования",
             "при наличии финансирования",
             "в зависимости от наличия средств",
             "в случае получения поддержки"],
            ["Япония профинансировала семинар.", "Необходимо финансирование.",
             "Страна получила помощь от ЮНЕП."],
        ),
        "circumstance": (
            ["Бедность затрагивает 40 % населения.",
             "Как страна, не имеющая выхода к морю, мы несём высокие транспортные расходы.",
             "малые островные развивающиеся государства",
             "Страна испытывает острый энергодефицит.",
             "регионы, подверженные засухам",
             "Страна очень уязвима к изменению климата."],
            ["Необходимо финансирование.", "Обучить 40 сотрудников таможни.",
             "Инвентаризация завершена."],
        ),
        "heading": (
            ["Раздел 3: Финансовые ресурсы", "III. Потребности и проблемы",
             "Приложение I", "Статья 7:", "Глава 2", "КРАТКОЕ ИЗЛОЖЕНИЕ"],
            ["В соответствии со статьёй 7 страна ежегодно представляет доклад.",
             "Необходимо финансирование."],
        ),
    },
}


def _params(expected: bool):
    for lang, classes in CASES.items():
        for cls, (pos, neg) in classes.items():
            for phrase in (pos if expected else neg):
                yield pytest.param(lang, cls, phrase, id=f"{lang}-{cls}-{phrase[:40]}")


def test_cases_cover_every_language_and_class():
    assert set(CASES) == set(LANGUAGES)
    for lang, classes in CASES.items():
        assert set(classes) == set(CUE_CLASSES), lang
        for cls, (pos, neg) in classes.items():
            assert len(pos) >= 2 and len(neg) >= 2, (lang, cls)


@pytest.mark.parametrize(("lang", "cls", "phrase"), list(_params(True)))
def test_phrase_matches_class(lang, cls, phrase):
    found = find_cues(phrase, lang)
    assert cls in {m.cue for m in found}, f"{cls} not found in {phrase!r}: {found}"


@pytest.mark.parametrize(("lang", "cls", "phrase"), list(_params(False)))
def test_phrase_does_not_match_class(lang, cls, phrase):
    hits = [m for m in find_cues(phrase, lang) if m.cue == cls]
    assert not hits, f"{cls} wrongly found in {phrase!r}: {hits}"


# ---------------------------------------------------------------------------
# The close calls of the guideline, stated once for every language
# ---------------------------------------------------------------------------
CLOSE_CALLS = [
    # (name, {lang: phrase}, classes that must match, classes that must not)
    ("support alone is vague",
     {"en": "We need more support.", "fr": "Nous avons besoin de davantage de soutien.",
      "es": "Necesitamos más apoyo.", "ru": "Нам нужна поддержка."},
     {"vague"}, {"funding", "skills"}),
    ("assistance alone is vague",
     {"en": "The Party requests assistance.", "fr": "Le pays demande une assistance.",
      "es": "El país solicita asistencia.", "ru": "Страна просит о помощи."},
     {"vague"}, {"funding", "skills"}),
    ("technical assistance is skills",
     {"en": "technical assistance", "fr": "assistance technique",
      "es": "asistencia técnica", "ru": "техническая помощь"},
     {"skills"}, {"vague", "funding"}),
    ("technical support is skills",
     {"en": "technical support", "fr": "appui technique",
      "es": "apoyo técnico", "ru": "техническая поддержка"},
     {"skills"}, {"vague", "funding"}),
    ("financial support is funding",
     {"en": "financial support", "fr": "soutien financier",
      "es": "apoyo financiero", "ru": "финансовая поддержка"},
     {"funding"}, {"vague", "skills"}),
    ("capacity alone is vague",
     {"en": "capacity", "fr": "capacités", "es": "capacidades", "ru": "потенциал"},
     {"vague"}, {"skills", "funding", "equipment", "infrastructure"}),
    ("capacity-building alone is vague",
     {"en": "capacity-building", "fr": "renforcement des capacités",
      "es": "fortalecimiento de capacidades", "ru": "укрепление потенциала"},
     {"vague"}, {"skills"}),
    ("institutional capacity is vague",
     {"en": "institutional capacity", "fr": "capacités institutionnelles",
      "es": "capacidad institucional", "ru": "институциональный потенциал"},
     {"vague"}, {"skills"}),
    ("technical capacity is skills",
     {"en": "technical capacity", "fr": "capacités techniques",
      "es": "capacidad técnica", "ru": "технический потенциал"},
     {"skills"}, {"vague"}),
    ("financial resources are funding",
     {"en": "financial resources", "fr": "ressources financières",
      "es": "recursos financieros", "ru": "финансовые ресурсы"},
     {"funding"}, {"vague"}),
    ("human resources are skills",
     {"en": "human resources", "fr": "ressources humaines",
      "es": "recursos humanos", "ru": "людские ресурсы"},
     {"skills"}, {"vague", "funding"}),
    ("means alone is vague, not funding",
     {"en": "means", "fr": "moyens", "es": "medios", "ru": "средства"},
     {"vague"}, {"funding"}),
    ("budget means are funding",
     {"en": "budget funds", "fr": "moyens financiers",
      "es": "medios financieros", "ru": "средства бюджета"},
     {"funding"}, set()),
    ("laboratory equipment is equipment, not a facility",
     {"en": "laboratory equipment", "fr": "équipements de laboratoire",
      "es": "equipos de laboratorio", "ru": "лабораторное оборудование"},
     {"equipment"}, {"infrastructure"}),
    ("a laboratory is infrastructure",
     {"en": "a new laboratory", "fr": "un nouveau laboratoire",
      "es": "un nuevo laboratorio", "ru": "новая лаборатория"},
     {"infrastructure"}, {"equipment"}),
    ("emission control systems are equipment, not a facility",
     {"en": "mercury emission control systems", "fr": "systèmes de contrôle des émissions de mercure",
      "es": "sistemas de control de emisiones de mercurio", "ru": "системы контроля выбросов ртути"},
     {"equipment"}, {"infrastructure"}),
    ("satellite surveillance systems are equipment, not a facility",
     {"en": "satellite surveillance systems", "fr": "systèmes de surveillance par satellite",
      "es": "sistemas de vigilancia satelital", "ru": "системы спутникового наблюдения"},
     {"equipment"}, {"infrastructure"}),
    ("storage batteries are equipment, a battery storage plant is a facility",
     {"en": "storage batteries", "fr": "batteries de stockage",
      "es": "baterías de almacenamiento", "ru": "аккумуляторные батареи"},
     {"equipment"}, {"infrastructure"}),
    ("a battery storage plant is infrastructure",
     {"en": "a battery storage plant", "fr": "une centrale de stockage par batteries",
      "es": "una central de almacenamiento en baterías", "ru": "аккумуляторная станция накопления энергии"},
     {"infrastructure"}, set()),
    ("a dechlorination plant is infrastructure",
     {"en": "a dechlorination plant", "fr": "une usine de déchloration",
      "es": "una planta de decloración", "ru": "установка по дехлорированию"},
     {"infrastructure"}, set()),
    ("an embankment to be raised is infrastructure",
     {"en": "coastal embankments must be raised", "fr": "les digues côtières doivent être rehaussées",
      "es": "los diques costeros deben elevarse", "ru": "прибрежные дамбы необходимо нарастить"},
     {"infrastructure"}, {"equipment"}),
    ("a germplasm bank is infrastructure",
     {"en": "a germplasm bank", "fr": "une banque de germoplasme",
      "es": "un banco de germoplasma", "ru": "банк зародышевой плазмы"},
     {"infrastructure"}, {"equipment"}),
    ("a tree nursery is infrastructure",
     {"en": "modern tree nurseries", "fr": "des pépinières modernes",
      "es": "viveros modernos", "ru": "современные питомники"},
     {"infrastructure"}, {"equipment"}),
    ("a monitoring network is infrastructure",
     {"en": "a network of 20 sampling points", "fr": "un réseau de 20 points de prélèvement",
      "es": "una red de 20 puntos de muestreo", "ru": "сеть из 20 пунктов отбора проб"},
     {"infrastructure"}, set()),
    ("technology transfer is equipment, not an activity",
     {"en": "technology transfer", "fr": "transfert de technologies",
      "es": "transferencia de tecnología", "ru": "передача технологий"},
     {"equipment"}, {"action"}),
    ("a cited year is a citation, not a timeline",
     {"en": "decision BC-14/12 of 2019", "fr": "décision BC-14/12 de 2019",
      "es": "decisión BC-14/12 de 2019", "ru": "решение BC-14/12 2019 года"},
     {"citation", "year"}, {"future_time"}),
    ("since is past, not future",
     {"en": "since 2010", "fr": "depuis 2010", "es": "desde 2010", "ru": "с 2010 года"},
     {"past_time", "year"}, {"future_time"}),
    ("by a year is a timeline",
     {"en": "by 2030", "fr": "d'ici 2030", "es": "para 2030", "ru": "к 2030 году"},
     {"future_time", "year"}, {"past_time", "citation"}),
    ("a price base year is a citation",
     {"en": "in USD 2015", "fr": "en USD 2015", "es": "en USD 2015", "ru": "в ценах 2015 года"},
     {"citation"}, {"future_time", "quantity"}),
    ("a frequency alone is no timeline",
     {"en": "annually", "fr": "annuellement", "es": "anualmente", "ru": "ежегодно"},
     {"frequency"}, {"future_time"}),
    ("negation of a need",
     {"en": "does not need external funding",
      "fr": "ne nécessite pas de financement extérieur",
      "es": "no necesita financiamiento externo",
      "ru": "не нуждается во внешнем финансировании"},
     {"negation"}, {"need"}),
    ("procedure is not a need",
     {"en": "The Conference of the Parties may wish to take note of the report.",
      "fr": "La Conférence des Parties voudra peut-être prendre note du rapport.",
      "es": "La Conferencia de las Partes tal vez desee tomar nota del informe.",
      "ru": "Конференция Сторон, возможно, пожелает принять к сведению доклад."},
     {"procedure"}, {"need"}),
    ("would benefit is a need, benefited is support given",
     {"en": "would benefit from training", "fr": "pourrait bénéficier d'une formation",
      "es": "se beneficiaría de capacitación", "ru": "выиграл бы от обучения"},
     {"need", "skills"}, {"support_given"}),
    ("support made conditional on help is not support given",
     {"en": "With international support, the country could rehabilitate 300 hectares of mangroves by 2030.",
      "fr": "Avec un appui international, le pays pourrait réhabiliter 300 hectares de mangroves d'ici à 2030.",
      "es": "Con apoyo internacional, el país podría rehabilitar 300 hectáreas de manglares para 2030.",
      "ru": "При международной поддержке страна могла бы восстановить к 2030 году 300 гектаров мангровых лесов."},
     set(), {"support_given"}),
    ("support named by its donor is support given",
     {"en": "The soil survey was carried out with FAO support.",
      "fr": "L'étude des sols a été réalisée avec l'appui de la FAO.",
      "es": "El estudio de suelos se realizó con el apoyo de la FAO.",
      "ru": "Обследование почв было проведено при поддержке ФАО."},
     {"support_given"}, set()),
    ("training never received is not support given",
     {"en": "The border guards have not received any training in detecting explosives.",
      "fr": "Les gardes-frontières n'ont reçu aucune formation à la détection des explosifs.",
      "es": "Los guardias fronterizos no han recibido capacitación en la detección de explosivos.",
      "ru": "Пограничники не проходили обучения по обнаружению взрывчатых веществ."},
     set(), {"support_given"}),
    ("a target reached is an achievement",
     {"en": "The country met its reduction target in 2021.",
      "fr": "Le pays a atteint son objectif de réduction en 2021.",
      "es": "El país alcanzó su meta de reducción en 2021.",
      "ru": "В 2021 году страна достигла своего целевого показателя сокращения."},
     {"achievement", "past_time"}, set()),
    ("a body that held a counted series of events has an achievement",
     {"en": "The Secretariat organized four regional workshops on inventories.",
      "fr": "Le Secrétariat a organisé quatre ateliers régionaux sur les inventaires.",
      "es": "La Secretaría organizó cuatro talleres regionales sobre los inventarios.",
      "ru": "Секретариат организовал четыре региональных семинара по инвентаризации."},
     {"achievement", "past_time"}, set()),
    ("an estimate in the imperfect is past",
     {"en": "The contaminated area was estimated at 3 km2.",
      "fr": "La zone contaminée était estimée à 3 km2.",
      "es": "La zona contaminada se estimaba en 3 km2.",
      "ru": "Площадь загрязнённой зоны оценивалась в 3 км2."},
     {"past_time"}, {"future_time"}),
    ("since a full date is past",
     {"en": "The law has applied since 1 March 2015.",
      "fr": "La loi s'applique depuis le 1er mars 2015.",
      "es": "La ley se aplica desde el 1 de marzo de 2015.",
      "ru": "Закон применяется с 1 марта 2015 года."},
     {"past_time", "year"}, {"future_time"}),
    ("above all is not earlier",
     {"en": "Above all, laboratory staff must be trained.",
      "fr": "Il faut avant tout former le personnel de laboratoire.",
      "es": "Ante todo, es preciso capacitar al personal de laboratorio.",
      "ru": "Прежде всего необходимо обучить персонал лабораторий."},
     set(), {"past_time"}),
    ("an adjectival participle is no action",
     {"en": "The updated national plan was sent to the secretariat.",
      "fr": "Le plan national actualisé a été transmis au secrétariat.",
      "es": "El plan nacional actualizado se transmitió a la secretaría.",
      "ru": "Обновлённый национальный план был направлен в секретариат."},
     set(), {"action"}),
    ("work reported as done is no action",
     {"en": "The report was prepared by the ministry.",
      "fr": "Le rapport a été élaboré par le ministère.",
      "es": "El informe fue elaborado por el ministerio.",
      "ru": "Доклад был подготовлен министерством."},
     set(), {"action"}),
    ("work still to be done is an action",
     {"en": "The national plan must be updated by 2027.",
      "fr": "Le plan national doit être mis à jour d'ici à 2027.",
      "es": "El plan nacional debe ser actualizado a más tardar en 2027.",
      "ru": "Национальный план должен быть обновлён к 2027 году."},
     {"action"}, set()),
    ("a body named after a field is no action",
     {"en": "The mine action centre lacks vehicles.",
      "fr": "Le centre de lutte antimines manque de véhicules.",
      "es": "El centro de acción contra las minas carece de vehículos.",
      "ru": "Центру по разминированию не хватает транспортных средств."},
     set(), {"action"}),
    ("clearing a stated area is an action",
     {"en": "Clearance of the remaining 8 km2 requires funding.",
      "fr": "La dépollution des 8 km2 restants nécessite un financement.",
      "es": "El despeje de los 8 km2 restantes requiere financiación.",
      "ru": "Для расчистки оставшихся 8 км2 требуется финансирование."},
     {"action"}, set()),
    ("restoring a stated area is an action",
     {"en": "The ministry needs funds to restore 500 hectares of degraded land.",
      "fr": "Le ministère a besoin de fonds pour restaurer 500 hectares de terres dégradées.",
      "es": "El ministerio necesita fondos para restaurar 500 hectáreas de tierras degradadas.",
      "ru": "Министерству нужны средства, чтобы восстановить 500 гектаров деградированных земель."},
     {"action"}, set()),
    ("installed capacity is no action",
     {"en": "Installed solar capacity reached 200 MW.",
      "fr": "La capacité installée d'énergie solaire a atteint 200 MW.",
      "es": "La capacidad instalada de energía solar alcanzó 200 MW.",
      "ru": "Установленная мощность солнечной энергетики достигла 200 МВт."},
     set(), {"action"}),
    ("training named staff is an action",
     {"en": "Training 30 customs officers in species identification is planned.",
      "fr": "La formation de 30 douaniers à l'identification des espèces est prévue.",
      "es": "Está prevista la capacitación de 30 funcionarios de aduanas en la identificación de especies.",
      "ru": "Планируется обучение 30 таможенников идентификации видов."},
     {"action"}, set()),
    ("training of a named staff written as a compound is an action",
     {"en": "Customs staff training is required.",
      "fr": "La formation du personnel des douanes est nécessaire.",
      "es": "Se requiere capacitación del personal de aduanas.",
      "ru": "Необходимо обучение сотрудников таможни."},
     {"action"}, set()),
    ("providing assistance is support, not an action",
     {"en": "Invites Parties to provide assistance.",
      "fr": "Invite les Parties à fournir une assistance.",
      "es": "Invita a las Partes a prestar asistencia.",
      "ru": "Предлагает Сторонам оказывать помощь."},
     set(), {"action"}),
    ("an inventory cited by its year is no action",
     {"en": "According to the 2019 inventory, 300 tonnes of obsolete pesticides remain.",
      "fr": "Selon l'inventaire de 2019, il reste 300 tonnes de pesticides périmés.",
      "es": "Según el inventario de 2019, quedan 300 toneladas de plaguicidas obsoletos.",
      "ru": "Согласно инвентаризации 2019 года, остается 300 тонн устаревших пестицидов."},
     set(), {"action"}),
    ("achieving targets is no action",
     {"en": "Funding is the main obstacle to achieving the national targets.",
      "fr": "Le financement est le principal obstacle à la réalisation des objectifs nationaux.",
      "es": "La financiación es el principal obstáculo para alcanzar las metas nacionales.",
      "ru": "Финансирование является главным препятствием для достижения национальных целевых показателей."},
     set(), {"action"}),
    ("preparing a named document is an action",
     {"en": "The ministry needs help to prepare its third national communication by 2027.",
      "fr": "Le ministère a besoin d'aide pour élaborer sa troisième communication nationale d'ici à 2027.",
      "es": "El ministerio necesita ayuda para preparar su tercera comunicación nacional para 2027.",
      "ru": "Министерству нужна помощь в подготовке его третьего национального сообщения к 2027 году."},
     {"action"}, set()),
    ("training a stated number of specialists is an action",
     {"en": "Funds are needed to train 25 hydrologists of the basin authorities.",
      "fr": "Des fonds sont nécessaires pour former 25 hydrologues des autorités de bassin.",
      "es": "Se necesitan fondos para formar a 25 hidrólogos de las autoridades de cuenca.",
      "ru": "Нужны средства на обучение 25 гидрологов бассейновых управлений."},
     {"action"}, set()),
    ("a phase-down is a broad aim, not an action",
     {"en": "The phase-down of HFC consumption is a priority.",
      "fr": "La réduction progressive de la consommation de HFC est une priorité.",
      "es": "La reducción gradual del consumo de HFC es una prioridad.",
      "ru": "Поэтапное сокращение потребления ГФУ является приоритетом."},
     set(), {"action"}),
    ("teams named after their field are no action",
     {"en": "The country lacks teams for land clearance.",
      "fr": "Le pays manque d'équipes de dépollution.",
      "es": "Al país le faltan equipos de despeje.",
      "ru": "Стране не хватает групп по очистке территорий."},
     set(), {"action"}),
    ("building a facility named by a pronoun is an action",
     {"en": "There is no storage site for this waste and no money to build one.",
      "fr": "Il n'existe pas de site de stockage pour ces déchets ni de fonds pour en construire un.",
      "es": "No hay un sitio de almacenamiento para estos desechos ni fondos para construirlo.",
      "ru": "Хранилища для этих отходов нет, как нет и средств на его строительство."},
     {"action"}, set()),
    ("a deadline between the action and its object",
     {"en": "Help is requested to set up a poison control centre in Kumasi by the end of 2027.",
      "fr": "Une aide est demandée pour créer un centre antipoison à Kumasi d'ici à la fin de 2027.",
      "es": "Se solicita ayuda para crear un centro de toxicología en Kumasi antes de finales de 2027.",
      "ru": "Запрашивается помощь в создании до конца 2027 года токсикологического центра в Кумаси."},
     {"action"}, set()),
    ("staff who need training in a task is an action",
     {"en": "Laboratory technicians need training in the analysis of mercury in fish.",
      "fr": "Les techniciens de laboratoire ont besoin d'une formation à l'analyse du mercure dans le poisson.",
      "es": "Los técnicos de laboratorio necesitan capacitación en el análisis del mercurio en el pescado.",
      "ru": "Лаборантам необходимо обучение анализу ртути в рыбе."},
     {"action"}, set()),
    ("preparing a named list is an action",
     {"en": "Help is needed to prepare a national list of contaminated sites.",
      "fr": "Une aide est nécessaire pour préparer une liste nationale des sites contaminés.",
      "es": "Se necesita ayuda para preparar una lista nacional de sitios contaminados.",
      "ru": "Нужна помощь, чтобы подготовить национальный перечень загрязнённых участков."},
     {"action"}, set()),
    ("an export that did not take place is no action",
     {"en": "No exports of obsolete pesticides took place in 2022.",
      "fr": "Aucune exportation de pesticides périmés n'a eu lieu en 2022.",
      "es": "En 2022 no se realizó ninguna exportación de plaguicidas obsoletos.",
      "ru": "В 2022 году экспорт устаревших пестицидов не осуществлялся."},
     set(), {"action"}),
    ("installed generating capacity is no action",
     {"en": "Installed electricity capacity has doubled since 2015.",
      "fr": "La puissance électrique installée a doublé depuis 2015.",
      "es": "La capacidad eléctrica instalada se ha duplicado desde 2015.",
      "ru": "Установленная электрическая мощность удвоилась с 2015 года."},
     set(), {"action"}),
    ("a facility described as (not) equipped is no action",
     {"en": "Most district hospitals are not equipped with mercury-free thermometers.",
      "fr": "La plupart des hôpitaux de district ne sont pas équipés de thermomètres sans mercure.",
      "es": "La mayoría de los hospitales de distrito no están equipados con termómetros sin mercurio.",
      "ru": "Большинство районных больниц не оснащены безртутными термометрами."},
     set(), {"action"}),
    ("implementing a plan is a broad aim, not an action",
     {"en": "The ministry lacks the funds to implement its national adaptation plan.",
      "fr": "Le ministère ne dispose pas des fonds nécessaires pour mettre en œuvre son plan national d'adaptation.",
      "es": "El ministerio carece de fondos para ejecutar su plan nacional de adaptación.",
      "ru": "У министерства нет средств для осуществления национального плана адаптации."},
     set(), {"action"}),
    ("widening participation is a broad aim, not an action",
     {"en": "The Party seeks to expand its participation in regional networks.",
      "fr": "La Partie souhaite élargir sa participation aux réseaux régionaux.",
      "es": "La Parte desea ampliar su participación en las redes regionales.",
      "ru": "Сторона стремится расширить своё участие в региональных сетях."},
     set(), {"action"}),
    ("a body named after demining is no action",
     {"en": "The national demining authority needs two new vehicles.",
      "fr": "L'autorité nationale de déminage a besoin de deux nouveaux véhicules.",
      "es": "La autoridad nacional de desminado necesita dos vehículos nuevos.",
      "ru": "Национальному органу по разминированию нужны два новых автомобиля."},
     set(), {"action"}),
    ("refrigerant recovery units are equipment",
     {"en": "Servicing workshops need refrigerant recovery and recycling units.",
      "fr": "Les ateliers d'entretien ont besoin d'appareils de récupération des frigorigènes.",
      "es": "Los talleres de mantenimiento necesitan equipos de recuperación de refrigerantes.",
      "ru": "Сервисным мастерским нужны установки для рекуперации хладагентов."},
     {"equipment"}, set()),
    ("explosive devices are not equipment",
     {"en": "Many children were injured by improvised explosive devices.",
      "fr": "De nombreux enfants ont été blessés par des engins explosifs improvisés.",
      "es": "Muchos niños resultaron heridos por artefactos explosivos improvisados.",
      "ru": "Многие дети пострадали от самодельных взрывных устройств."},
     set(), {"equipment"}),
    ("demining teams are not equipment",
     {"en": "The operator deployed twelve demining teams in the province.",
      "fr": "L'opérateur a déployé douze équipes de déminage dans la province.",
      "es": "El operador desplegó doce equipos de desminado en la provincia.",
      "ru": "Оператор развернул в провинции двенадцать групп по разминированию."},
     set(), {"equipment"}),
    ("laboratory staff are no infrastructure",
     {"en": "The laboratory staff need training in dioxin analysis.",
      "fr": "Le personnel de laboratoire a besoin d'une formation à l'analyse des dioxines.",
      "es": "El personal de laboratorio necesita capacitación en el análisis de dioxinas.",
      "ru": "Сотрудники лабораторий нуждаются в обучении анализу диоксинов."},
     {"skills"}, {"infrastructure"}),
    ("a register to be set up is infrastructure",
     {"en": "The country needs to set up a computerized register of firearms.",
      "fr": "Le pays doit mettre en place un registre informatisé des armes à feu.",
      "es": "El país necesita crear un registro informatizado de armas de fuego.",
      "ru": "Стране необходимо создать компьютеризированный реестр огнестрельного оружия."},
     {"infrastructure"}, set()),
]


@pytest.mark.parametrize(
    ("lang", "phrase", "must", "must_not"),
    [pytest.param(lang, phrase, must, must_not, id=f"{name}-{lang}")
     for name, phrases, must, must_not in CLOSE_CALLS for lang, phrase in phrases.items()],
)
def test_close_calls(lang, phrase, must, must_not):
    found = classes_in(phrase, lang)
    assert must <= found, f"missing {must - found} in {phrase!r}"
    assert not (must_not & found), f"unexpected {must_not & found} in {phrase!r}"


def test_guideline_examples():
    """The example table of the annotation guideline, as cue evidence."""
    c = classes_in("We lack the resources to fully implement the Convention.", "en")
    assert {"need", "vague"} <= c
    assert not c & {"equipment", "skills", "funding", "infrastructure", "future_time", "quantity"}

    c = classes_in("Nous avons besoin d'un financement de 2 millions USD pour dépolluer "
                   "15 km2 dans la province de X entre 2025 et 2027.", "fr")
    assert {"need", "funding", "action", "quantity", "place", "future_time", "year"} <= c

    c = classes_in("Se requiere capacitación del personal de aduanas.", "es")
    assert {"need", "skills", "action"} <= c
    assert "future_time" not in c

    c = classes_in("Необходимо оборудование.", "ru")
    assert {"need", "equipment"} <= c
    assert not c & {"action", "future_time", "vague"}

    c = classes_in("Japan funded the regional workshop held in Manila in June 2024.", "en")
    assert {"support_given", "past_time"} <= c
    assert not c & {"need", "future_time"}


# ---------------------------------------------------------------------------
# The lexicon files and the API
# ---------------------------------------------------------------------------
def _raw(lang: str) -> dict:
    return json.loads(resources.files("pipeline.cues").joinpath(f"{lang}.json").read_text("utf-8"))


def test_cue_classes_are_the_agreed_ones():
    assert CUE_CLASSES == EXPECTED_CLASSES
    assert len(set(CUE_CLASSES)) == len(CUE_CLASSES)


def test_all_files_have_the_same_classes():
    names = {lang: tuple(_raw(lang)["classes"]) for lang in LANGUAGES}
    for lang, classes in names.items():
        assert set(classes) == set(CUE_CLASSES), lang
        assert classes == names["en"], f"{lang} lists classes in another order than en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_file_is_well_formed_and_every_pattern_compiles(lang):
    data = _raw(lang)
    assert data["lang"] == lang
    for cls, patterns in data["classes"].items():
        assert patterns, f"{lang}/{cls} is empty"
        assert len(patterns) == len(set(patterns)), f"{lang}/{cls} has duplicates"
        for p in patterns:
            compiled = re.compile(p, re.IGNORECASE | re.UNICODE)
            # a pattern that matches nothing would flood the feature space
            assert compiled.search("") is None, f"{lang}/{cls}: {p!r} matches the empty string"
            assert compiled.search("   ") is None, f"{lang}/{cls}: {p!r} matches blanks"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topical_classes_are_broad(lang):
    counts = {cls: len(pats) for cls, pats in load_cues(lang).items()}
    for cls in ("need", "equipment", "skills", "funding", "infrastructure", "action",
                "future_time", "citation", "procedure", "circumstance"):
        assert counts[cls] >= 25, (lang, cls, counts[cls])


def test_load_cues_returns_compiled_patterns_in_class_order():
    cues = load_cues("en")
    assert tuple(cues) == CUE_CLASSES
    for patterns in cues.values():
        for p in patterns:
            assert isinstance(p, re.Pattern)
            assert p.flags & re.IGNORECASE


def test_load_cues_is_cached_and_safe_to_mutate():
    first = load_cues("fr")
    first["need"].clear()
    second = load_cues("fr")
    assert second["need"], "mutating a returned list must not change the cache"
    assert second["funding"][0] is load_cues("fr")["funding"][0], "patterns are compiled once"


@pytest.mark.parametrize("bad", ["de", "", "english", "zh"])
def test_unknown_language_is_rejected(bad):
    with pytest.raises(ValueError):
        load_cues(bad)
    with pytest.raises(ValueError):
        find_cues("We need funding.", bad)


def test_language_code_is_normalised():
    assert classes_in("We need funding.", "EN") == classes_in("We need funding.", "en")


def test_find_cues_spans_order_and_overlap():
    text = ("With international support, the country would train 40 customs officers "
            "in the northern region by 2027, financed by USD 2 million.")
    found = find_cues(text, "en")
    assert found, "expected cues"
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert isinstance(m, CueMatch)
        assert text[m.start:m.end] == m.text
        assert m.end > m.start
    by_class: dict[str, list[CueMatch]] = {}
    for m in found:
        by_class.setdefault(m.cue, []).append(m)
    for cls, ms in by_class.items():
        for a, b in zip(ms, ms[1:]):
            assert a.end <= b.start, f"overlapping {cls} matches: {a} {b}"
    assert {"conditional", "action", "quantity", "place", "future_time", "funding"} <= set(by_class)


def test_overlapping_patterns_of_one_class_count_once():
    found = [m for m in find_cues("technical assistance", "en") if m.cue == "skills"]
    assert len(found) == 1
    assert found[0].text == "technical assistance"


def test_cue_match_is_frozen():
    m = find_cues("We need funding.", "en")[0]
    with pytest.raises(AttributeError):
        m.cue = "other"  # type: ignore[misc]


def test_empty_and_cueless_text():
    for lang in LANGUAGES:
        assert find_cues("", lang) == []
        assert find_cues("   ", lang) == []
        assert find_cues("x", lang) == []


def test_typographic_apostrophes_and_non_breaking_spaces():
    assert "future_time" in classes_in("d’ici\u00a02030", "fr")
    assert "negation" in classes_in("Le pays n’a plus besoin d’assistance.", "fr")
    assert "negation" in classes_in("The Party doesn’t need external funding.", "en")
    assert "future_time" in classes_in("к\u00a02030\u00a0году", "ru")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_long_text_is_fast(lang):
    """Guards against catastrophic backtracking on long or odd inputs."""
    samples = {
        "en": "The Party lacks 40 trained customs officers in X province by 2027 (USD 2 million). ",
        "fr": "Le pays manque de 40 agents formés dans la province de X d'ici 2027 (2 millions USD). ",
        "es": "El país carece de 40 funcionarios capacitados en la provincia de X para 2027. ",
        "ru": "Стране не хватает 40 обученных сотрудников в Хатлонской области к 2027 году. ",
    }
    text = samples[lang] * 150 + "a " * 3000 + "1 " * 3000 + "A" * 3000 + "- " * 2000
    t0 = time.perf_counter()
    find_cues(text, lang)
    assert time.perf_counter() - t0 < 3


@pytest.mark.parametrize(("lang", "text", "amount"), [
    ("en", "at an estimated cost of USD 1.2 million.", "USD 1.2 million"),
    ("fr", "un coût de 600 millions FCFA.", "600 millions FCFA"),
    ("es", "con un costo de USD 2.500.000 en total", "USD 2.500.000"),
    ("ru", "стоимостью 1,2 млн долл. США", "1,2 млн долл"),
])
def test_money_amount_is_matched_whole(lang, text, amount):
    """Evidence shown to reviewers must be the whole amount, not its first digit."""
    texts = [m.text for m in find_cues(text, lang) if m.cue == "funding"]
    assert amount in texts, texts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Крайне необходима техническая поддержка.", "ru"),  # "Крайне" ends in "не"
        ("В стране необходимо создать лабораторию.", "ru"),  # so does "стране"
        ("El Gobierno necesita apoyo para el inventario.", "es"),  # "Gobierno" ends in "no"
    ],
)
def test_a_negating_word_must_be_a_whole_word(text, lang):
    assert "need" in classes_in(text, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_lookbehind_starts_at_a_word_boundary(lang):
    """A look-behind for a word ("не ", "no ") must not fire on the end of a longer word."""
    classes = json.loads(resources.files("pipeline.cues").joinpath(f"{lang}.json").read_text(encoding="utf-8"))["classes"]
    elisions = ("n't", "n’t", "l'", "l’")  # these attach to the previous word by design
    unanchored = [
        pattern
        for patterns in classes.values()
        for pattern in patterns
        for body in re.findall(r"\(\?<[!=]((?:[^()\\]|\\.)*)\)", pattern)
        if re.match(r"[^\W\d_]", body) and not body.startswith(elisions)
    ]
    assert unanchored == []
