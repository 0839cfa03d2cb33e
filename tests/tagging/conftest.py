"""Records for the tagging tests (the fast hashing embedder and a private data directory come from tests/conftest.py)."""

FIXTURE_RECORDS = [
    {"id": f"r{i}", "text": text, "labels": labels}
    for i, (text, labels) in enumerate(
        [
            ("Abolish the death penalty and commute all death sentences", ["Death penalty"]),
            ("Introduce a moratorium on executions with a view to abolishing capital punishment", ["Death penalty"]),
            ("Ratify the Second Optional Protocol aiming at the abolition of the death penalty",
             ["Death penalty", "International instruments"]),
            ("Investigate all allegations of torture in police custody", ["Torture and other CID treatment"]),
            ("Prevent torture and ill-treatment of detainees and prosecute perpetrators",
             ["Torture and other CID treatment"]),
            ("Establish a national preventive mechanism against torture in places of detention",
             ["Torture and other CID treatment"]),
            ("Ratify the Convention on the Rights of Persons with Disabilities", ["International instruments"]),
            ("Accede to the Optional Protocol to the Convention against Torture", ["International instruments"]),
            ("Protect journalists and guarantee freedom of the press", ["Freedom of the press"]),
            ("Decriminalise defamation of journalists and media outlets", ["Freedom of the press"]),
            ("Stop the harassment of independent newspapers and journalists", ["Freedom of the press"]),
            ("Guarantee girls equal access to education in rural schools", ["Right to education"]),
            ("Increase school enrolment and education of children with disabilities", ["Right to education"]),
            ("Improve the quality of education and teacher training", ["Right to education"]),
        ]
    )
]
