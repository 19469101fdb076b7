"""The instruments kring ships, in our own words (ORS, SRS and EXIT texts are copyrighted).

Texts are English source strings, stored as such and translated (Dutch first, B1) when shown."""

from django.utils.translation import gettext_noop


def _item(key, text, answer_type, low, high, subscale="", required=True, heading="", ends=None):
    item = {
        "key": key,
        "text": text,
        "answer_type": answer_type,
        "min_value": low,
        "max_value": high,
        "subscale": subscale,
        "required": required,
    }
    if heading:
        item["heading"] = heading
    if ends:
        item["low_label"], item["high_label"] = ends
    return item


INSTRUMENTS = [
    {
        "slug": "exit",
        "name": gettext_noop("Looking back at the help"),
        "purpose": gettext_noop("At the end of the help: what did it bring, and how did it go?"),
        "respondent_types": ["parent", "young_person"],
        "due": "closure",
        "items": [
            _item(
                "grade", gettext_noop("What grade do you give the help, from 1 to 10?"), "grade_1_10", 1, 10
            ),
            _item(
                "r1", gettext_noop("Things are better now than when we started."), "scale_1_4", 1, 4, "result"
            ),
            _item(
                "r2", gettext_noop("I can handle problems better myself now."), "scale_1_4", 1, 4, "result"
            ),
            _item("r3", gettext_noop("We reached the goals we set together."), "scale_1_4", 1, 4, "result"),
            _item("r4", gettext_noop("Home feels safer now."), "scale_1_4", 1, 4, "result"),
            _item(
                "r5", gettext_noop("I know where to go if I need help again."), "scale_1_4", 1, 4, "result"
            ),
            _item("p1", gettext_noop("The worker listened to me."), "scale_1_4", 1, 4, "process"),
            _item("p2", gettext_noop("I could say what I thought."), "scale_1_4", 1, 4, "process"),
            _item("p3", gettext_noop("The worker kept the agreements."), "scale_1_4", 1, 4, "process"),
            _item(
                "p4", gettext_noop("I understood what was going on and why."), "scale_1_4", 1, 4, "process"
            ),
            _item("p5", gettext_noop("I was treated with respect."), "scale_1_4", 1, 4, "process"),
            _item(
                "comment",
                gettext_noop("Is there anything else you want to tell us?"),
                "free_text",
                None,
                None,
                required=False,
            ),
        ],
    },
    {
        "slug": "session-start",
        "name": gettext_noop("How are things? (start of the meeting)"),
        "purpose": gettext_noop("At the start of a meeting: how did things go since last time?"),
        "respondent_types": ["parent", "young_person", "child"],
        "due": "every_contact",
        "items": [
            _item("me", gettext_noop("How am I doing myself?"), "scale_0_10", 0, 10, "wellbeing"),
            _item(
                "close",
                gettext_noop("How are things with the people close to me?"),
                "scale_0_10",
                0,
                10,
                "wellbeing",
            ),
            _item(
                "daily",
                gettext_noop("How are things at school, at work or during the day?"),
                "scale_0_10",
                0,
                10,
                "wellbeing",
            ),
            _item("life", gettext_noop("How is life going in general?"), "scale_0_10", 0, 10, "wellbeing"),
            _item("overall", gettext_noop("All in all, how did it go since last time?"), "scale_0_10", 0, 10),
        ],
    },
    {
        "slug": "session-end",
        "name": gettext_noop("How was this meeting? (end of the meeting)"),
        "purpose": gettext_noop("At the end of a meeting: feedback on the meeting itself."),
        "respondent_types": ["parent", "young_person", "child"],
        "due": "every_contact",
        "items": [
            _item(
                "heard", gettext_noop("I felt listened to and understood."), "scale_0_10", 0, 10, "session"
            ),
            _item(
                "topics",
                gettext_noop("We talked about what I wanted to talk about."),
                "scale_0_10",
                0,
                10,
                "session",
            ),
            _item(
                "approach", gettext_noop("The way we worked today suits me."), "scale_0_10", 0, 10, "session"
            ),
            _item(
                "together",
                gettext_noop("I feel good about working together."),
                "scale_0_10",
                0,
                10,
                "session",
            ),
            _item("overall", gettext_noop("All in all, how was this meeting?"), "scale_0_10", 0, 10),
        ],
    },
]

# Samen Sterker: the working relationship, discussed now and then on five topics by the client and the
# professional alike; each says what goes well and what could be better, and improvement agreements follow
# (models.ImprovementAgreement). The topic keys are models.Topic.
SAMEN_STERKER_TOPICS = [
    (
        "treat",
        gettext_noop("How we deal with each other"),
        gettext_noop("How well do we deal with each other?"),
        gettext_noop("What goes well in how we deal with each other?"),
        gettext_noop("What could be better in how we deal with each other?"),
    ),
    (
        "listen",
        gettext_noop("Listening"),
        gettext_noop("How well do we listen to each other?"),
        gettext_noop("What goes well in listening to each other?"),
        gettext_noop("What could be better in listening to each other?"),
    ),
    (
        "contact",
        gettext_noop("Contact"),
        gettext_noop("How well does our contact go: often enough, easy to reach, on time?"),
        gettext_noop("What goes well in our contact?"),
        gettext_noop("What could be better in our contact?"),
    ),
    (
        "plan",
        gettext_noop("The family plan"),
        gettext_noop("How well does the family plan fit what we want to reach?"),
        gettext_noop("What goes well with the family plan?"),
        gettext_noop("What could be better in the family plan?"),
    ),
    (
        "agree",
        gettext_noop("Agreements"),
        gettext_noop("How well do we keep our agreements?"),
        gettext_noop("What goes well with our agreements?"),
        gettext_noop("What could be better with our agreements?"),
    ),
]


def _samen_sterker_items():
    items = []
    for key, heading, rating, well, better in SAMEN_STERKER_TOPICS:
        items += [
            _item(key, rating, "scale_0_10", 0, 10, key, heading=heading),
            _item(f"{key}_well", well, "free_text", None, None, required=False, heading=heading),
            _item(f"{key}_better", better, "free_text", None, None, required=False, heading=heading),
        ]
    items.append(
        _item(
            "improve",
            gettext_noop("What do you want to agree on, so that we work together better?"),
            "free_text",
            None,
            None,
            required=False,
            heading=gettext_noop("Working together better"),
        )
    )
    return items


INSTRUMENTS.append(
    {
        "slug": "samen-sterker",
        "name": gettext_noop("Stronger together (Samen Sterker)"),
        "purpose": gettext_noop(
            "How do we work together? For five topics: what goes well, and what could be better. "
            "Then we make agreements to work together better."
        ),
        "respondent_types": ["parent", "young_person", "professional"],
        "due": "periodic",
        "items": _samen_sterker_items(),
    }
)

# The life-domain matrix (LGM-like, seed 003): per life domain a rating and what helps (protective factors)
# and what gets in the way (hindering factors), filled in by the young person, parents, school and
# professionals at the start, during and at the end. The differences between informants are the point.
LIFE_DOMAINS = [
    (
        "education",
        gettext_noop("School and learning"),
        gettext_noop("School and learning: how is it going?"),
        gettext_noop("What helps with school and learning?"),
        gettext_noop("What gets in the way with school and learning?"),
    ),
    (
        "work",
        gettext_noop("Work and daytime activities"),
        gettext_noop("Work and daytime activities: how is it going?"),
        gettext_noop("What helps with work and daytime activities?"),
        gettext_noop("What gets in the way with work and daytime activities?"),
    ),
    (
        "identity",
        gettext_noop("Identity (who am I, where are my limits?)"),
        gettext_noop("Identity: how is it going?"),
        gettext_noop("What helps with identity?"),
        gettext_noop("What gets in the way with identity?"),
    ),
    (
        "health",
        gettext_noop("Health (body and mind)"),
        gettext_noop("Health: how is it going?"),
        gettext_noop("What helps with health?"),
        gettext_noop("What gets in the way with health?"),
    ),
    (
        "family",
        gettext_noop("Family and home"),
        gettext_noop("Family and home: how is it going?"),
        gettext_noop("What helps in the family and at home?"),
        gettext_noop("What gets in the way in the family and at home?"),
    ),
    (
        "leisure",
        gettext_noop("Free time"),
        gettext_noop("Free time: how is it going?"),
        gettext_noop("What helps in free time?"),
        gettext_noop("What gets in the way in free time?"),
    ),
    (
        "friends",
        gettext_noop("Friends"),
        gettext_noop("Friends: how is it going?"),
        gettext_noop("What helps with friends?"),
        gettext_noop("What gets in the way with friends?"),
    ),
    (
        "safety",
        gettext_noop("Safety"),
        gettext_noop("Safety: how is it going?"),
        gettext_noop("What helps to be safe?"),
        gettext_noop("What gets in the way of being safe?"),
    ),
]


def _lgm_items():
    items = []
    for key, heading, rating, helps, hinders in LIFE_DOMAINS:
        items += [
            _item(key, rating, "scale_0_10", 0, 10, key, heading=heading),
            _item(f"{key}_helps", helps, "free_text", None, None, required=False, heading=heading),
            _item(f"{key}_hinders", hinders, "free_text", None, None, required=False, heading=heading),
        ]
    return items


INSTRUMENTS.append(
    {
        "slug": "lgm",
        "name": gettext_noop("Life domains (life-domain matrix)"),
        "purpose": gettext_noop(
            "How is it going in each part of life? What helps, and what gets in the way? There are no "
            "right or wrong answers: the differences between what everyone says are what we talk about."
        ),
        "respondent_types": ["young_person", "parent", "school", "professional"],
        "due": "start_middle_end",
        "items": _lgm_items(),
    }
)

# The seven anchors of Signs of Success (practice model §4), rated by the young person in their language and
# by the worker in theirs: a measure of method integrity. Both instruments use the same keys, so every anchor
# is compared across the two. (key, short name, the worker's words, the young person's words)
ANCHORS = [
    (
        "worth",
        gettext_noop("Believing in possibilities"),
        gettext_noop("I believe in what this young person and the people around them can do."),
        gettext_noop("I am worth it."),
    ),
    (
        "hope",
        gettext_noop("Hope and confidence"),
        gettext_noop("I give hope and confidence."),
        gettext_noop("I can change."),
    ),
    (
        "firm",
        gettext_noop("Strict when needed"),
        gettext_noop("When it helps the change, I use control and pressure."),
        gettext_noop("When it really matters, my worker is strict."),
    ),
    (
        "courage",
        gettext_noop("Courage"),
        gettext_noop("I know that seeing yourself in a good light is hard and takes courage."),
        gettext_noop("Changing takes courage."),
    ),
    (
        "support",
        gettext_noop("Support around the young person"),
        gettext_noop("I know that support from the people around them is a must for change."),
        gettext_noop("The support of the people around me is very important."),
    ),
    (
        "ups_downs",
        gettext_noop("Ups and downs"),
        gettext_noop("I know that change goes with ups and downs."),
        gettext_noop("Change does not happen all at once."),
    ),
    (
        "own_change",
        gettext_noop("Their own change"),
        gettext_noop("I work together with the young person and build on their own direction and strength."),
        gettext_noop("It is my change; my worker supports me in it."),
    ),
]
WORKER_ENDS = (gettext_noop("not at all"), gettext_noop("completely"))
YOUTH_ENDS = (gettext_noop("not true at all"), gettext_noop("completely true"))

INSTRUMENTS += [
    {
        "slug": "anchors-youth",
        "name": gettext_noop("The seven anchors (young person)"),
        "purpose": gettext_noop("How true are these sentences for you now? Choose a number from 0 to 10."),
        "respondent_types": ["young_person"],
        "due": "periodic",
        "items": [
            _item(key, youth, "scale_0_10", 0, 10, "anchors", ends=YOUTH_ENDS)
            for key, _n, _w, youth in ANCHORS
        ],
    },
    {
        "slug": "anchors-worker",
        "name": gettext_noop("The seven anchors (worker)"),
        "purpose": gettext_noop(
            "How much do these anchors show in your work with this young person now? "
            "Choose a number from 0 to 10."
        ),
        "respondent_types": ["professional"],
        "due": "periodic",
        "items": [
            _item(key, worker, "scale_0_10", 0, 10, "anchors", ends=WORKER_ENDS)
            for key, _n, worker, _y in ANCHORS
        ],
    },
]

# Self-check (zelfonderzoek): the worker checks how far they work true to the method (Signs of Success):
# the basic attitude, the steps of the practice guide, and asking for feedback. 1-4, mean per part.
SELF_CHECK = [
    (
        "vision",
        gettext_noop("Basic attitude"),
        [
            ("v_strengths", gettext_noop("I look for what is going well, not only for what went wrong.")),
            (
                "v_own",
                gettext_noop(
                    "The young person's own words and plans come first; I support without taking over."
                ),
            ),
            (
                "v_network",
                gettext_noop("I involve the people around the young person: family, network and school."),
            ),
            (
                "v_future",
                gettext_noop("I talk about the future and about what the young person wants to reach."),
            ),
        ],
    ),
    (
        "steps",
        gettext_noop("Steps of the practice guide"),
        [
            (
                "s_bookends",
                gettext_noop(
                    "The greatest worry and the success goal (book-ends) are written down with the young "
                    "person and parents."
                ),
            ),
            ("s_who", gettext_noop("Everyone knows who does what (the actions in the book-ends).")),
            ("s_ikplan", gettext_noop("The young person has an IK-plan in their own words.")),
            ("s_frame", gettext_noop("The conditions and the control are clear, and I explained why.")),
            (
                "s_desistance",
                gettext_noop("I talked with the young person about stopping with crime and what helps."),
            ),
            ("s_close", gettext_noop("I look at whether the measure can end early and positively.")),
        ],
    ),
    (
        "feedback",
        gettext_noop("Feedback and reflection"),
        [
            ("f_session", gettext_noop("I ask for feedback at the end of conversations.")),
            ("f_anchors", gettext_noop("The young person and I rated the anchors.")),
            ("f_team", gettext_noop("I discussed this case in the reflective team.")),
        ],
    ),
]

INSTRUMENTS.append(
    {
        "slug": "self-check",
        "name": gettext_noop("Self-check: working true to the method"),
        "purpose": gettext_noop(
            "For the worker: how far do I work according to Signs of Success in this case? "
            "Answer honestly; this is for learning, not for judging."
        ),
        "respondent_types": ["professional"],
        "due": "periodic",
        "items": [
            _item(key, text, "scale_1_4", 1, 4, part, heading=heading)
            for part, heading, questions in SELF_CHECK
            for key, text in questions
        ]
        + [
            _item(
                "next",
                gettext_noop("What do I want to do differently from now on?"),
                "free_text",
                None,
                None,
                required=False,
                heading=gettext_noop("Next time"),
            )
        ],
    }
)
