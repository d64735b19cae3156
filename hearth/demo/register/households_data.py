"""The tables the demo register is drawn from: councils, parishes, names, rates, showcases."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hearth.register.models import (
    Ethnicity,
    Exemption,
    HomelessnessDuty,
    Tenure,
)

BATCH_SIZE = 500
_PENNY = Decimal("0.01")


@dataclass(frozen=True)
class DemoCouncil:
    slug: str
    prefix: str  # household references: "MC-004217"
    share: float  # of the demo register


COUNCILS: tuple[DemoCouncil, ...] = (
    DemoCouncil("marshvale-city", "MC", 0.40),
    DemoCouncil("eastmere", "EM", 0.20),
    DemoCouncil("northfen", "NF", 0.25),
    DemoCouncil("kingsbarrow", "KB", 0.15),
)
RURAL_COUNCIL = "eastmere"
# Eastmere's parishes (the market town and its villages), by how many people live in each.
EASTMERE_PARISHES: tuple[tuple[str, int], ...] = (
    ("Eastmere", 40),
    ("Fenwick", 12),
    ("Saltmarsh St Mary", 10),
    ("Holme Drove", 8),
    ("Lower Wendle", 8),
    ("Upper Wendle", 6),
    ("Ketby", 8),
    ("Brinkle Marsh", 8),
)

NEED_CODES: tuple[str, ...] = (
    "urgent_medical",
    "high_medical",
    "medium_medical",
    "harassment_risk",
    "medical_extra_room",
    "welfare",
    "hardship_move",
    "emergency",
    "gold_welfare",
    "silver_welfare",
)
# The need reasons an officer may award under each council's demo policy: Marshvale City
# awards medical and harassment reasons only; Eastmere grades welfare need gold or silver.
_MEDICAL = frozenset(
    {"urgent_medical", "high_medical", "medium_medical", "medical_extra_room", "harassment_risk"}
)
NEED_CODES_BY_COUNCIL: dict[str, frozenset[str]] = {
    "marshvale-city": _MEDICAL,
    "eastmere": _MEDICAL | {"emergency", "gold_welfare", "silver_welfare", "hardship_move"},
    "northfen": _MEDICAL | {"emergency", "welfare", "hardship_move"},
    "kingsbarrow": _MEDICAL | {"emergency", "welfare", "hardship_move"},
}
_NEED_NOTES: dict[str, tuple[str, ...]] = {
    "urgent_medical": (
        "Wheelchair user discharged from hospital; cannot get into the current home.",
        "Terminal illness; needs a ground-floor home with level access.",
    ),
    "high_medical": (
        "Cannot manage stairs (COPD); GP and occupational therapist letters seen.",
        "Severe arthritis; bathroom upstairs and cannot use it safely.",
        "Child with autism; occupational therapist says the home puts them at risk.",
    ),
    "medium_medical": (
        "Asthma made worse by damp and mould in the current home.",
        "Anxiety and depression made worse by the home; GP letter seen.",
        "Back injury; struggles with two flights of stairs.",
    ),
    "harassment_risk": (
        "Police confirm threats from a neighbour; needs to move away from the area.",
        "Hate incidents reported to the police; victim support letter seen.",
    ),
    "medical_extra_room": (
        "Dialysis at home needs a room for the equipment.",
        "Separate room needed for medical equipment and a carer's visits.",
    ),
    "welfare": (
        "Needs to move near family to give and receive care.",
        "Supported housing says ready to move on to an independent tenancy.",
    ),
    "hardship_move": (
        "Needs to move to take up a job offer too far to commute to.",
        "Needs to move nearer a specialist school for a child.",
    ),
    "emergency": (
        "Home destroyed by fire; the landlord cannot repair it.",
        "Prohibition order on the home after a serious hazard inspection.",
    ),
    "gold_welfare": ("Social care assessment: high welfare need, risk of harm if not moved.",),
    "silver_welfare": ("Social care assessment: welfare need, moving would help a lot.",),
}

_ETHNICITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    (Ethnicity.WHITE_BRITISH, 72.0),
    (Ethnicity.WHITE_IRISH, 1.0),
    (Ethnicity.WHITE_GYPSY_TRAVELLER, 0.6),
    (Ethnicity.WHITE_ROMA, 0.5),
    (Ethnicity.WHITE_OTHER, 8.0),
    (Ethnicity.ASIAN_INDIAN, 2.5),
    (Ethnicity.ASIAN_PAKISTANI, 3.0),
    (Ethnicity.ASIAN_BANGLADESHI, 1.0),
    (Ethnicity.ASIAN_CHINESE, 0.6),
    (Ethnicity.ASIAN_OTHER, 1.2),
    (Ethnicity.BLACK_AFRICAN, 2.8),
    (Ethnicity.BLACK_CARIBBEAN, 1.2),
    (Ethnicity.BLACK_OTHER, 0.5),
    (Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN, 1.0),
    (Ethnicity.MIXED_WHITE_BLACK_AFRICAN, 0.5),
    (Ethnicity.MIXED_WHITE_ASIAN, 0.8),
    (Ethnicity.MIXED_OTHER, 0.6),
    (Ethnicity.OTHER_ARAB, 0.5),
    (Ethnicity.OTHER_ANY, 0.7),
    (Ethnicity.PREFER_NOT_TO_SAY, 2.5),
)


@dataclass(frozen=True)
class _Names:
    """First names and surnames from one background. British names also vary by generation."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    older_female: tuple[str, ...] = ()
    older_male: tuple[str, ...] = ()
    child_female: tuple[str, ...] = ()
    child_male: tuple[str, ...] = ()


def _names(female: str, male: str, surnames: str, **by_age: str) -> _Names:
    return _Names(
        tuple(female.split()),
        tuple(male.split()),
        tuple(surnames.split()),
        **{key: tuple(value.split()) for key, value in by_age.items()},
    )


_NAMES: dict[str, _Names] = {
    "british": _names(
        "Sarah Emma Laura Claire Gemma Kelly Stacey Jade Amy Rebecca Danielle Hayley Jessica "
        "Lauren Sophie Natalie Leanne Charlotte Samantha Kirsty Nicola Rachel Megan Abbie Paige "
        "Kayleigh Jodie Lisa Joanne Tracey Michelle Zoe Holly Bethany Courtney Rhiannon Catrin",
        "James Daniel Thomas Matthew Ryan Liam Craig Lee Jamie Scott Dean Darren Wayne Carl "
        "Ashley Kieran Connor Callum Jordan Jake Lewis Nathan Shaun Adam Mark Paul Stephen Gary "
        "Jason Reece Tyler Bradley Aaron Luke Sam Kyle Gareth Rhys Euan",
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
        "Walker White Roberts Green Hall Wood Jackson Clarke Harris Lewis Turner Hill Cooper Ward "
        "Moore King Watson Baker Harrison Morgan Young Allen Mitchell Anderson Bell Parker Cook "
        "Bailey Marshall Chapman Webb Ellis Cox Holmes Mason Rogers Barker Fisher Pearson Howard "
        "Gibson Shaw Knight Dawson Saunders Fletcher Spencer Hunt Harvey Gotobed Thurlow "
        "Stimpson Youngs Fuller Boughen Howlett Spinks Leeder Goodger Sizeland Fenn Rudd "
        "Macdonald Stewart Reid Hughes Price Owen Jenkins Pritchard",
        older_female="Margaret Patricia Susan Linda Christine Carol Janet Jean Brenda Sandra "
        "Barbara Maureen Pauline Elaine Valerie Sheila Gillian Denise Wendy Kathleen Doreen "
        "Joan Irene Sylvia Marion",
        older_male="John David Michael Peter Robert Brian Keith Alan Colin Graham Derek Terry "
        "Roy Barry Malcolm Ronald Kenneth Geoffrey Trevor Raymond Dennis Gordon Clive Norman",
        child_female="Olivia Amelia Isla Ava Mia Ivy Lily Freya Florence Poppy Evie Isabella "
        "Sophia Grace Willow Ruby Daisy Harper Millie Rosie Ellie Phoebe Maisie Layla Elsie",
        child_male="Oliver George Noah Arthur Leo Harry Oscar Archie Henry Theo Freddie Jack "
        "Charlie Alfie Finley Teddy Tommy Jacob Reggie Louie Riley Ethan Mason Harrison Jenson",
    ),
    "irish": _names(
        "Siobhan Aoife Niamh Ciara Mary Bridget Orla Roisin Sinead Maeve Grainne",
        "Sean Patrick Conor Declan Ciaran Padraig Liam Eoin Fergal Niall Cathal",
        "Murphy Kelly O'Brien Byrne Ryan O'Sullivan Walsh Doyle McCarthy Gallagher Kennedy "
        "Lynch Quinn Brennan",
    ),
    "traveller": _names(
        "Bridget Mary Margaret Kathleen Nora Winnie Shauna Chantelle Shannon Tina",
        "John Patrick Michael Martin Tommy Jimmy Levi Frankie Johnny Mikey",
        "McDonagh Ward Doherty Maughan Lee Smith Price Boswell Loveridge Cash Joyce Connors Stokes",
    ),
    "polish": _names(
        "Agnieszka Katarzyna Magdalena Joanna Ewa Anna Monika Aleksandra Justyna Karolina",
        "Piotr Tomasz Krzysztof Marcin Pawel Jakub Lukasz Mateusz Michal Kamil",
        "Nowak Mazur Krawczyk Kaczmarek Wojcik Michalak Dudek Pawlak Sikora Baran Adamczyk Kubiak",
    ),
    "romanian": _names(
        "Ioana Elena Andreea Mihaela Alexandra Cristina Roxana Georgiana",
        "Andrei Ionut Florin Mihai Alexandru Gabriel Marian Vasile",
        "Popescu Ionescu Dumitru Stan Munteanu Ciobanu Constantin Rusu Moldovan",
    ),
    "portuguese": _names(
        "Ana Catarina Mariana Sofia Ines Beatriz Rita Joana",
        "Joao Tiago Rui Pedro Miguel Nuno Ricardo Bruno",
        "Silva Santos Ferreira Pereira Costa Oliveira Rodrigues Martins Sousa",
    ),
    "roma": _names(
        "Denisa Maria Simona Renata Monika Veronika Gabriela",
        "Marian Jan Milan Roman Dusan Stefan Peter",
        "Lakatos Balog Horvath Kolompar Olah Sarkozi Rostas Gabor",
    ),
    "indian": _names(
        "Priya Anjali Sunita Pooja Neha Kiran Harpreet Manpreet Jaspreet Meera Deepa Ritu",
        "Rajesh Sanjay Amit Vikram Arjun Rohan Harjit Gurpreet Sandeep Ravi Deepak Anil",
        "Patel Sharma Gill Mistry Shah Joshi Sandhu Dhillon Chauhan Parmar Bains",
    ),
    "pakistani": _names(
        "Ayesha Fatima Saima Nazia Rubina Shazia Sana Amna Hina Zainab",
        "Imran Asif Tariq Bilal Usman Adnan Kamran Zahid Faisal Hamza",
        "Khan Hussain Akhtar Iqbal Mahmood Ali Raza Shah Butt Malik Qureshi Riaz",
    ),
    "bangladeshi": _names(
        "Rokeya Shirin Nasrin Fahmida Tasnim Sumaiya Ruksana Jahanara",
        "Abdul Mohammed Shahid Rafiq Jamal Kamrul Shafiq Anwar",
        "Miah Rahman Uddin Ahmed Islam Chowdhury Hoque",
    ),
    "chinese": _names(
        "Mei Ling Yan Jing Hui Xin Lan Fang",
        "Wei Jun Hao Ming Lei Jian Tao Bo",
        "Chen Wong Li Zhang Lin Liu Wang Huang Ng Cheung",
    ),
    "nepali": _names(
        "Sita Gita Sarita Anita Kamala Sunita Bina",
        "Ram Bishnu Krishna Dil Hari Prakash Bhim",
        "Gurung Thapa Rai Limbu Magar Tamang Pun",
    ),
    "filipino": _names(
        "Maria Jocelyn Marites Rowena Cristina Analyn Joy",
        "Jose Rodel Jerome Mark Romeo Arnel Ramon",
        "Santos Reyes Cruz Bautista Garcia Mendoza Aquino",
    ),
    "tamil": _names(
        "Tharshini Kavitha Lakshmi Nirmala Priyanka Vani",
        "Suresh Kumaran Rajan Sivakumar Dinesh Arun",
        "Selvaraj Sivanesan Kandiah Ratnam Thurairajah Nadarajah",
    ),
    "nigerian": _names(
        "Chioma Ngozi Adaeze Funmilayo Folake Blessing Temitope Ifeoma",
        "Chinedu Emeka Oluwaseun Tunde Babatunde Femi Ikenna Obinna",
        "Okafor Adeyemi Nwosu Okonkwo Adebayo Eze Ogunleye Balogun",
    ),
    "ghanaian": _names(
        "Akosua Abena Ama Efua Adwoa Afia",
        "Kwame Kofi Kwabena Yaw Kojo Kwasi",
        "Mensah Osei Boateng Asante Owusu Appiah",
    ),
    "somali": _names(
        "Hodan Fadumo Asha Hibo Sahra Nimco Amina",
        "Abdi Mohamed Ahmed Yusuf Abdirahman Hassan Omar",
        "Mohamed Abdi Ali Hassan Farah Warsame Osman Jama",
    ),
    "zimbabwean": _names(
        "Tendai Chipo Rutendo Nyasha Tatenda Farai",
        "Tinashe Tafadzwa Takudzwa Simba Tawanda Kudzai",
        "Moyo Ncube Sibanda Dube Mutasa Chikwanha",
    ),
    "caribbean": _names(
        "Shanice Marcia Paulette Sharon Donna Jacqueline Simone Keisha Tanisha Sonia",
        "Marcus Tyrone Winston Delroy Leon Andre Dwayne Clive Errol Jermaine",
        "Campbell Williams Brown Johnson Thomas Francis Richards Henry Grant Clarke Edwards "
        "Bennett",
    ),
    "arab": _names(
        "Fatima Layla Noor Mariam Huda Rania Yasmin Salma",
        "Omar Ahmed Khalid Yousef Samir Tariq Karim Nabil",
        "Haddad Saleh Mansour Nasser Al-Hassan Al-Rashid Khalil Hamdan",
    ),
    "middle_eastern": _names(
        "Shirin Parisa Zahra Maryam Leila Soraya Nasrin",
        "Reza Ali Dara Hamid Karwan Ahmad Farhad",
        "Ahmadi Karimi Rostami Hosseini Aziz Rahimi Mohammadi Jalal",
    ),
}

# Where people of each ethnic group in the demo get their names from.
_ORIGINS: dict[str, tuple[str, ...]] = {
    Ethnicity.WHITE_BRITISH: ("british",),
    Ethnicity.WHITE_IRISH: ("irish",),
    Ethnicity.WHITE_GYPSY_TRAVELLER: ("traveller",),
    Ethnicity.WHITE_ROMA: ("roma",),
    Ethnicity.WHITE_OTHER: ("polish", "polish", "romanian", "portuguese"),
    Ethnicity.ASIAN_INDIAN: ("indian",),
    Ethnicity.ASIAN_PAKISTANI: ("pakistani",),
    Ethnicity.ASIAN_BANGLADESHI: ("bangladeshi",),
    Ethnicity.ASIAN_CHINESE: ("chinese",),
    Ethnicity.ASIAN_OTHER: ("nepali", "filipino", "tamil"),
    Ethnicity.BLACK_AFRICAN: ("nigerian", "ghanaian", "somali", "zimbabwean"),
    Ethnicity.BLACK_CARIBBEAN: ("caribbean",),
    Ethnicity.BLACK_OTHER: ("caribbean", "british"),
    Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN: ("british", "caribbean"),
    Ethnicity.MIXED_WHITE_BLACK_AFRICAN: ("british", "nigerian"),
    Ethnicity.MIXED_WHITE_ASIAN: ("british", "indian", "pakistani"),
    Ethnicity.MIXED_OTHER: ("british", "caribbean", "arab"),
    Ethnicity.OTHER_ARAB: ("arab",),
    Ethnicity.OTHER_ANY: ("middle_eastern",),
    Ethnicity.PREFER_NOT_TO_SAY: ("british", "british", "british", "irish", "polish"),
}

# Hours a week worked, by how common they are.
_WORK_HOURS: tuple[tuple[str, float], ...] = (
    ("8", 6),
    ("12", 10),
    ("16", 14),
    ("20", 14),
    ("25", 10),
    ("30", 14),
    ("37", 24),
    ("40", 8),
)

# Bedrooms in the home minus bedrooms needed (below 0: overcrowded), by current tenure.
_BEDROOM_GAPS: dict[str, tuple[tuple[str, float], ...]] = {
    # Transfers are often overcrowded families or older people under-occupying.
    Tenure.SOCIAL_RENTED: (("-2", 8), ("-1", 30), ("0", 32), ("1", 20), ("2", 10)),
    Tenure.PRIVATE_RENTED: (("-2", 4), ("-1", 16), ("0", 66), ("1", 14)),
    Tenure.FAMILY: (("-2", 10), ("-1", 35), ("0", 55)),
    Tenure.TEMPORARY: (("-1", 25), ("0", 70), ("1", 5)),
    Tenure.OWNER: (("0", 40), ("1", 40), ("2", 20)),
}

# Household types, by share of the register.
_KINDS: tuple[tuple[str, float], ...] = (
    ("single", 30.0),
    ("couple", 8.0),
    ("lone_parent", 22.0),
    ("couple_children", 16.0),
    ("older_single", 9.0),
    ("older_couple", 5.0),
    ("adult_children", 5.0),
    ("expecting", 3.0),
    ("siblings", 1.0),
    ("with_parent", 1.0),
)


@dataclass(frozen=True)
class _Showcase:
    """A household the demo always has, so each situation appears at least once."""

    kind: str
    council: str = ""
    tenure: str = ""
    transfer: bool | None = None
    duty: str | None = None
    needs: tuple[str, ...] = ()
    exemptions: tuple[str, ...] = ()
    bedroom_gap: int | None = None  # bedrooms in the home minus bedrooms needed
    lives: str = ""  # "home", "partner" (another partner council), "outside", "arrived"
    parish: str = ""
    work: tuple[str, str, int] | None = None  # (council slug, parish, hours a week)
    family: tuple[str, str, int] | None = None  # (council slug, parish, years there)
    eligible: bool = True
    unacceptable_behaviour: bool = False
    high_income: bool = False
    owns_property: bool = False
    # Drawn at random rather than from the showcase list: rare circumstances may also apply.
    generated: bool = False


SHOWCASE: tuple[_Showcase, ...] = (
    _Showcase("older_single", "marshvale-city", transfer=True, needs=("urgent_medical",)),
    _Showcase("couple_children", "northfen", needs=("high_medical",)),
    _Showcase("single", "kingsbarrow", needs=("medium_medical",)),
    _Showcase(
        "lone_parent",
        "marshvale-city",
        "temporary",
        duty=HomelessnessDuty.RELIEF,
        needs=("harassment_risk",),
        exemptions=(Exemption.DOMESTIC_ABUSE,),
        lives="arrived",
    ),
    _Showcase("with_parent", "eastmere", needs=("medical_extra_room",), parish="Fenwick"),
    _Showcase("single", "northfen", "private_rented", needs=("welfare",)),
    _Showcase(
        "single", "kingsbarrow", needs=("hardship_move",), lives="partner", work=("", "", 37)
    ),
    _Showcase("lone_parent", "northfen", "temporary", duty="main", needs=("emergency",)),
    _Showcase("couple_children", "eastmere", needs=("gold_welfare",)),
    _Showcase("older_couple", "eastmere", needs=("silver_welfare",)),
    _Showcase("couple_children", "northfen", "private_rented", duty=HomelessnessDuty.PREVENTION),
    _Showcase("couple_children", "marshvale-city", "temporary", duty="main", lives="partner"),
    _Showcase("couple_children", "marshvale-city", "private_rented", bedroom_gap=-2),
    _Showcase("lone_parent", "northfen", "private_rented", bedroom_gap=-1),
    _Showcase("older_couple", "eastmere", transfer=True, bedroom_gap=2, parish="Ketby"),
    _Showcase("single", "marshvale-city", "private_rented", lives="outside"),
    _Showcase(
        "couple_children",
        "eastmere",
        "private_rented",
        parish="Saltmarsh St Mary",
        family=("eastmere", "Saltmarsh St Mary", 30),
    ),
    _Showcase(
        "couple", "eastmere", "private_rented", lives="partner", work=("", "Holme Drove", 30)
    ),
    _Showcase("single", "eastmere", "family", parish="Lower Wendle"),
    _Showcase("single", "northfen", "family", lives="outside", family=("northfen", "", 12)),
    _Showcase(
        "single",
        "marshvale-city",
        "none",
        exemptions=(Exemption.ARMED_FORCES,),
        lives="outside",
    ),
    _Showcase("single", "northfen", "family", exemptions=(Exemption.CARE_LEAVER,)),
    _Showcase("couple", "marshvale-city", "private_rented", eligible=False),
    _Showcase("single", "kingsbarrow", "private_rented", unacceptable_behaviour=True),
    _Showcase("couple", "northfen", "private_rented", high_income=True),
    _Showcase("older_single", "eastmere", "owner", owns_property=True),
    _Showcase("expecting", "marshvale-city", "family"),
)
