"""Four more articles (peanut allergy, menopausal hormone therapy, a multi-cancer blood test,
melatonin gummies for children) and their evidence records. The blood-test and melatonin
stories report studies that are deliberately left out of the corpus (`"sources": []`); only a
related, different study is in it, and claims are labelled from that record alone."""

from newsroom.common import O, S, U, rec, summary

NOT_IN_CORPUS_MCED = "the PATHFINDER study is not in the corpus; no record addresses it"
NOT_IN_CORPUS_MELA = "the melatonin gummy labelling study is not in the corpus; no record addresses it"
NARRATIVE = "narrative detail; no record addresses it"

# --------------------------------------------------------------------------------------
# Evidence records
# --------------------------------------------------------------------------------------

CORPUS = [
    # ---- early peanut introduction ----
    rec("PEAN-01", "Randomized trial of peanut consumption in infants at risk for peanut allergy (LEAP)",
        "Background: Peanut allergy in children has become more common in Western countries, and it was unclear whether eating or avoiding peanut in infancy prevents it. Methods: At a single centre in London, 640 infants aged 4 to 11 months with severe eczema, egg allergy or both were randomized either to eat peanut regularly (at least 6 g of peanut protein a week, spread over three or more meals) or to avoid peanut until 60 months of age. Infants were stratified by their skin-prick test response to peanut at baseline. The primary outcome was peanut allergy confirmed by oral food challenge at 60 months. Results: In the intention-to-treat population, peanut allergy at 60 months was present in about 17% of children in the avoidance group and about 3% of children in the consumption group, a relative reduction of about 80%. The benefit was seen both in infants with a negative skin-prick test and in those with a small positive response at baseline. Serious adverse events did not differ significantly between groups. Conclusions: Early, sustained consumption of peanut significantly reduced the frequency of peanut allergy among high-risk children.",
        2015, summary("Du Toit et al., N Engl J Med 2015 (randomized controlled trial, LEAP)"),
        ["Randomized Controlled Trial", "Journal Article"],
        ["Humans", "Infant", "Child, Preschool", "Peanut Hypersensitivity", "Arachis", "Dermatitis, Atopic", "Egg Hypersensitivity", "Primary Prevention"]),
    rec("PEAN-02", "Effect of 12 months of peanut avoidance after early peanut consumption (LEAP-On)",
        "Background: In the LEAP trial, eating peanut from infancy to 5 years of age reduced peanut allergy in high-risk children; whether the protection lasts once peanut is no longer eaten was unknown. Methods: Children who had taken part in LEAP, from both the former consumption and former avoidance groups, were asked to avoid peanut for 12 months, from about 5 to 6 years of age. About 550 children took part, and peanut allergy was assessed by oral food challenge at 72 months. Results: After 12 months of avoidance, peanut allergy was present in about 19% of children in the former avoidance group and about 5% of children in the former consumption group. The prevalence of peanut allergy among former consumers did not increase significantly over the year of avoidance. Conclusions: The protection against peanut allergy induced by early peanut consumption persisted after 12 months of avoidance; longer-term durability was not assessed in this study.",
        2016, summary("Du Toit et al., N Engl J Med 2016 (follow-up of a randomized controlled trial, LEAP-On)"),
        ["Randomized Controlled Trial", "Journal Article"],
        ["Humans", "Child", "Child, Preschool", "Peanut Hypersensitivity", "Arachis", "Immune Tolerance", "Follow-Up Studies"]),

    # ---- menopausal hormone therapy ----
    rec("HRT-01", "Risks and benefits of estrogen plus progestin in healthy postmenopausal women (Women's Health Initiative)",
        "Background: Hormone therapy was widely prescribed after menopause in the belief that it prevents heart disease and other chronic conditions, but randomized evidence was lacking. Methods: 16,608 postmenopausal women aged 50 to 79 with an intact uterus were randomized at 40 US clinical centres to conjugated equine estrogens 0.625 mg plus medroxyprogesterone acetate 2.5 mg daily or placebo. Results: The trial was stopped early, after a mean of 5.2 years, because the risk of invasive breast cancer had crossed the stopping boundary and overall risks exceeded benefits. Women on hormones had higher rates of coronary heart disease events (hazard ratio about 1.29), invasive breast cancer (about 1.26), stroke (about 1.41) and pulmonary embolism (about 2.1), and lower rates of colorectal cancer (about 0.63) and hip fracture (about 0.66). Death from any cause did not differ between groups. In absolute terms, per 10,000 women a year there were about 7 more coronary events, 8 more strokes, 8 more pulmonary emboli and 8 more invasive breast cancers, and about 6 fewer colorectal cancers and 5 fewer hip fractures. Conclusions: Overall health risks exceeded benefits; although the absolute risks are small, estrogen plus progestin should not be started or continued for the primary prevention of coronary heart disease.",
        2002, summary("Rossouw et al., JAMA 2002 (randomized controlled trial, Women's Health Initiative)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Female", "Middle Aged", "Aged", "Postmenopause", "Estrogen Replacement Therapy", "Estrogens, Conjugated (USP)", "Medroxyprogesterone Acetate", "Breast Neoplasms", "Coronary Disease", "Stroke", "Hip Fractures"]),
    rec("HRT-02", "Effects of conjugated equine estrogen in postmenopausal women with hysterectomy (Women's Health Initiative)",
        "Background: The effects of estrogen alone on chronic disease in postmenopausal women were uncertain after the estrogen plus progestin trial was stopped. Methods: 10,739 postmenopausal women aged 50 to 79 who had had a hysterectomy were randomized to conjugated equine estrogens 0.625 mg daily or placebo. Results: The trial was stopped early, after an average of about 6.8 years, because estrogen increased the risk of stroke (hazard ratio about 1.39) and was not expected to reduce coronary heart disease. Estrogen had no significant effect on coronary heart disease (hazard ratio about 0.91). Hip fractures were reduced (hazard ratio about 0.61). Breast cancer, colorectal cancer and death from any cause did not differ significantly between groups. Conclusions: Estrogen alone increased the risk of stroke, decreased the risk of hip fracture and did not affect coronary heart disease; it should not be recommended for the prevention of chronic disease in postmenopausal women.",
        2004, summary("Anderson et al., JAMA 2004 (randomized controlled trial, Women's Health Initiative estrogen-alone trial)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Female", "Middle Aged", "Aged", "Postmenopause", "Hysterectomy", "Estrogen Replacement Therapy", "Estrogens, Conjugated (USP)", "Stroke", "Coronary Disease", "Hip Fractures"]),

    # ---- multi-cancer blood test (the PATHFINDER study the article reports is NOT here) ----
    rec("MCED-01", "Detection and localization of surgically resectable cancers with a multi-analyte blood test (CancerSEEK)",
        "Background: Earlier detection could reduce deaths from cancer, and many common cancers have no screening test for people at average risk. Methods: A blood test, CancerSEEK, combining assays for mutations in 16 genes in circulating cell-free DNA with the levels of 8 circulating proteins, was applied to 1,005 patients with clinically detected, non-metastatic cancers of the ovary, liver, stomach, pancreas, oesophagus, colorectum, lung or breast, and to 812 healthy controls; a machine-learning method was used to predict the tissue of origin. Results: The test was positive in a median of about 70% of cancers across the eight types. Sensitivity ranged from about 69% to 98% for the five types without a screening test for average-risk people (ovary, liver, stomach, pancreas and oesophagus). Sensitivity was lower for stage I cancers, at about 43%. Specificity was greater than 99%, with 7 of the 812 healthy controls testing positive. In patients with a positive test, the tissue of origin was narrowed to one or two sites in a median of about 83%. Conclusions: The test detected a majority of eight common cancer types in patients already diagnosed with cancer; its performance in screening people without symptoms must be established in prospective studies.",
        2018, summary("Cohen et al., Science 2018 (diagnostic accuracy study, CancerSEEK)"),
        ["Journal Article", "Evaluation Study"],
        ["Humans", "Neoplasms", "Early Detection of Cancer", "Biomarkers, Tumor", "Circulating Tumor DNA", "Liquid Biopsy", "Sensitivity and Specificity"]),

    # ---- melatonin (the gummy labelling study the article reports is NOT here) ----
    rec("MELA-01", "Pediatric melatonin ingestions reported to US poison control centers, 2012-2021",
        "Background: Melatonin is sold in the United States as a dietary supplement, its use has increased, and it is often sold in forms attractive to children such as gummies. Methods: Data from the US National Poison Data System were used to describe melatonin ingestions by children and adolescents aged 19 years or younger reported to poison control centres from 2012 to 2021. Results: About 260,000 paediatric melatonin ingestions were reported over the period, and the annual number increased by about 530%, with the steepest one-year rise between 2019 and 2020. Most ingestions (about 94%) were unintentional, and most children (about 83%) had no symptoms. About 4,100 children were hospitalised, 287 were admitted to intensive care, 5 needed mechanical ventilation and 2 died. Hospitalisations and more serious outcomes also increased over the period. Conclusions: Paediatric melatonin ingestions have increased sharply; most caused no symptoms, but some children were seriously harmed, and melatonin should be kept out of the reach of children.",
        2022, summary("Lelak et al., MMWR Morb Mortal Wkly Rep 2022 (analysis of poison control centre data)"),
        ["Journal Article", "Observational Study"],
        ["Humans", "Infant", "Child", "Child, Preschool", "Adolescent", "Melatonin", "Dietary Supplements", "Poison Control Centers", "Poisoning", "United States"]),
]


# --------------------------------------------------------------------------------------
# Articles (invented; each begins with its headline line)
# --------------------------------------------------------------------------------------

ARTICLES = [
    # ---- early peanut introduction ----
    {
        "id": "peanut-allergy-infants",
        "text": """Peanut butter for babies wipes out peanut allergy, study finds

Should babies at risk of food allergy be kept away from peanuts?

Researchers in London enrolled 640 babies aged four to eleven months who had severe eczema, egg allergy or both, putting them at high risk of peanut allergy. Half were randomly assigned to eat peanut snacks regularly until the age of five. By then, about 17 percent of the children who had avoided peanut had a peanut allergy, compared with about 3 percent of those who ate it, the researchers reported. Eating peanut early cut the risk of allergy by more than 95 percent, according to one parenting website. Serious side effects were no more common in the children who ate peanut.

Priya Shah, a nurse from Croydon, signed her son Arjun up for the trial when he was five months old. "I was terrified the first time I gave him peanut," she said. He still eats peanut butter on toast most mornings.

After the children stopped eating peanut for a whole year, they were still far less likely to be allergic than the children who had always avoided it, a follow-up study found. The babies are now protected for life, said Dr. Martin Keane, a paediatric allergist in Dublin who was not involved in the research. After a year without peanut, nearly a third of the early eaters had become allergic, one online forum claimed.

"It is a wonderful result for families," Dr. Keane said. Parents of babies with severe eczema should talk to their doctor before introducing peanut.
""",
        "claims": [
            ("Peanut butter for babies wipes out peanut allergy", O, ["PEAN-01"],
             "allergy fell from about 17% to about 3%, an 80% relative reduction; not wiped out"),
            ("Researchers in London enrolled 640 babies aged four to eleven months who had severe eczema, egg allergy or both, putting them at high risk of peanut allergy", S, ["PEAN-01"],
             "640 high-risk infants aged 4-11 months with severe eczema and/or egg allergy, single centre in London"),
            ("Half were randomly assigned to eat peanut snacks regularly until the age of five", S, ["PEAN-01"],
             "randomized to regular peanut consumption until 60 months"),
            ("By then, about 17 percent of the children who had avoided peanut had a peanut allergy, compared with about 3 percent of those who ate it", S, ["PEAN-01"],
             "intention-to-treat: about 17% vs about 3% at 60 months"),
            ("Eating peanut early cut the risk of allergy by more than 95 percent", O, ["PEAN-01"],
             "relative reduction about 80% (17% to 3%), not more than 95%"),
            ("Serious side effects were no more common in the children who ate peanut", S, ["PEAN-01"],
             "serious adverse events did not differ significantly"),
            ("Priya Shah, a nurse from Croydon, signed her son Arjun up for the trial when he was five months old", U, [],
             NARRATIVE),
            ("He still eats peanut butter on toast most mornings", U, [], NARRATIVE),
            ("After the children stopped eating peanut for a whole year, they were still far less likely to be allergic than the children who had always avoided it", S, ["PEAN-02"],
             "after 12 months of avoidance: about 5% vs about 19%"),
            ("The babies are now protected for life", O, ["PEAN-02"],
             "protection persisted after 12 months of avoidance; longer-term durability not assessed"),
            ("After a year without peanut, nearly a third of the early eaters had become allergic", U, ["PEAN-02"],
             "about 5% of former consumers were allergic, with no significant increase over the year"),
        ],
        "non_claims": [
            "Should babies at risk of food allergy be kept away from peanuts?",
            "I was terrified the first time I gave him peanut",
            "It is a wonderful result for families",
            "Parents of babies with severe eczema should talk to their doctor before introducing peanut",
        ],
    },

    # ---- menopausal hormone therapy ----
    {
        "id": "hormone-therapy-menopause",
        "text": """Menopause hormone therapy doubles breast cancer risk, landmark trial finds

In the Women's Health Initiative, more than 16,000 women aged 50 to 79 who still had a uterus were randomly assigned to a daily pill combining estrogen and progestin or to a placebo. The trial was stopped early, after about five years, because the risks outweighed the benefits, the investigators said.

Women taking the hormones had more breast cancers, heart attacks, strokes and blood clots in the lungs. They also had fewer hip fractures and fewer bowel cancers. For every 10,000 women taking the pills for a year, there were about eight extra breast cancers. Hormone therapy also raised the risk of dying from any cause by a quarter, according to a health blog that covered the study.

"It is a genuinely complicated picture," said Dr. Ruth Adeyemi, a gynaecologist in London. Hormone therapy protects women's hearts, some online menopause clinics still claim.

Margaret Doyle, a retired teacher from Leeds, had been taking HRT for six years when the news broke. "I felt frightened and let down," she said.

A second trial, of about 10,700 women who had had a hysterectomy, found that estrogen alone raised the risk of stroke but did not increase heart disease. Estrogen alone is completely safe for the heart, according to one clinic's website. More research is needed on women who start hormones in their early fifties, Dr. Adeyemi said. Women struggling with symptoms should discuss the risks and benefits with their doctor.
""",
        "claims": [
            ("Menopause hormone therapy doubles breast cancer risk", O, ["HRT-01"],
             "invasive breast cancer hazard ratio about 1.26, not doubled"),
            ("In the Women's Health Initiative, more than 16,000 women aged 50 to 79 who still had a uterus were randomly assigned to a daily pill combining estrogen and progestin or to a placebo", S, ["HRT-01"],
             "16,608 women aged 50-79 with an intact uterus, estrogen plus progestin vs placebo"),
            ("The trial was stopped early, after about five years, because the risks outweighed the benefits", S, ["HRT-01"],
             "stopped after a mean of 5.2 years; overall risks exceeded benefits"),
            ("Women taking the hormones had more breast cancers, heart attacks, strokes and blood clots in the lungs", S, ["HRT-01"],
             "higher rates of breast cancer, coronary events, stroke and pulmonary embolism"),
            ("They also had fewer hip fractures and fewer bowel cancers", S, ["HRT-01"],
             "hip fracture HR about 0.66, colorectal cancer HR about 0.63"),
            ("For every 10,000 women taking the pills for a year, there were about eight extra breast cancers", S, ["HRT-01"],
             "about 8 more invasive breast cancers per 10,000 women a year"),
            ("Hormone therapy also raised the risk of dying from any cause by a quarter", U, ["HRT-01"],
             "death from any cause did not differ between groups"),
            ("Hormone therapy protects women's hearts", U, ["HRT-01"],
             "coronary heart disease events increased (HR about 1.29)"),
            ("Margaret Doyle, a retired teacher from Leeds, had been taking HRT for six years when the news broke", U, [],
             NARRATIVE),
            ("A second trial, of about 10,700 women who had had a hysterectomy, found that estrogen alone raised the risk of stroke but did not increase heart disease", S, ["HRT-02"],
             "10,739 women with hysterectomy: stroke HR about 1.39, no significant effect on coronary heart disease"),
            ("Estrogen alone is completely safe for the heart", O, ["HRT-02"],
             "no significant effect on coronary heart disease, but 'completely safe' is absolute and stroke risk rose"),
        ],
        "non_claims": [
            "It is a genuinely complicated picture",
            "I felt frightened and let down",
            "More research is needed on women who start hormones in their early fifties",
            "Women struggling with symptoms should discuss the risks and benefits with their doctor",
        ],
    },

    # ---- multi-cancer blood test (reports PATHFINDER, which is not in the corpus) ----
    {
        "id": "blood-test-cancer-screening",
        "text": """Simple blood test spots 50 cancers before symptoms appear, study finds

In the PATHFINDER study, more than 6,600 adults aged 50 or older with no signs of cancer gave a single blood sample that was checked for traces of tumour DNA. The test flagged a possible cancer in about 1.4 percent of them, the researchers reported. Among those flagged, about 38 percent turned out to have cancer. In nearly nine out of ten of those cases, the test correctly predicted where in the body the cancer had started.

Carol Jensen, a retired bus driver from Portland, Oregon, was one of the volunteers. Her test picked up an early lymphoma. "I just felt so lucky," she said.

An earlier blood test, tried on about 1,000 patients already known to have cancer, picked up about 70 percent of cancers of eight common types. That test caught four in five cancers at the earliest stage, according to a biotech newsletter. Blood tests can now find almost every cancer, said Dr. Omar Haddad. He runs a private cancer screening clinic in Manchester.

"This is an exciting time for cancer detection," Dr. Haddad said. Larger trials are needed to show whether the test saves lives. Anyone with worrying symptoms should see a doctor rather than wait for a blood test.
""",
        "sources": [],
        "claims": [
            ("Simple blood test spots 50 cancers before symptoms appear", U, [], NOT_IN_CORPUS_MCED),
            ("In the PATHFINDER study, more than 6,600 adults aged 50 or older with no signs of cancer gave a single blood sample that was checked for traces of tumour DNA", U, [],
             NOT_IN_CORPUS_MCED),
            ("The test flagged a possible cancer in about 1.4 percent of them", U, [], NOT_IN_CORPUS_MCED),
            ("Among those flagged, about 38 percent turned out to have cancer", U, [], NOT_IN_CORPUS_MCED),
            ("In nearly nine out of ten of those cases, the test correctly predicted where in the body the cancer had started", U, [],
             NOT_IN_CORPUS_MCED),
            ("Carol Jensen, a retired bus driver from Portland, Oregon, was one of the volunteers", U, [], NARRATIVE),
            ("Her test picked up an early lymphoma", U, [], NARRATIVE),
            ("An earlier blood test, tried on about 1,000 patients already known to have cancer, picked up about 70 percent of cancers of eight common types", S, ["MCED-01"],
             "CancerSEEK: 1,005 patients with known cancers, median sensitivity about 70% across eight types"),
            ("That test caught four in five cancers at the earliest stage", U, ["MCED-01"],
             "sensitivity for stage I cancers was about 43%"),
            ("Blood tests can now find almost every cancer", O, ["MCED-01"],
             "about 70% of eight cancer types in already-diagnosed patients; screening performance not established"),
            ("He runs a private cancer screening clinic in Manchester", U, [], NARRATIVE),
        ],
        "non_claims": [
            "I just felt so lucky",
            "This is an exciting time for cancer detection",
            "Larger trials are needed to show whether the test saves lives",
            "Anyone with worrying symptoms should see a doctor rather than wait for a blood test",
        ],
    },

    # ---- melatonin gummies (reports a labelling study that is not in the corpus) ----
    {
        "id": "melatonin-sleep-children",
        "text": """Melatonin gummies for children contain far more than the label says, study finds

Researchers bought 25 brands of melatonin gummies sold in the United States and measured what was inside them. The actual amount of melatonin ranged from about three quarters of the labelled dose to almost three and a half times as much, they reported. Some of the gummies also contained CBD, an extract of cannabis. The team is based at a hospital near Boston.

Jessica Alvarez, a mother of two in Columbus, Ohio, began giving her four-year-old daughter a gummy every night last winter. She stopped after the girl slept for fourteen hours straight. "I felt like I had been drugging her," she said.

Reports to US poison control centres of children swallowing melatonin rose more than fivefold between 2012 and 2021, according to federal health officials. Nearly half of those children needed hospital treatment, one parenting blog said. Dozens of children have died after taking melatonin, the blog added.

"This is deeply worrying," said Dr. Nadia Petrov, a paediatric sleep specialist in Chicago. Parents should keep supplements out of reach and ask a paediatrician before giving melatonin to a child.
""",
        "sources": [],
        "claims": [
            ("Melatonin gummies for children contain far more than the label says", U, [], NOT_IN_CORPUS_MELA),
            ("Researchers bought 25 brands of melatonin gummies sold in the United States", U, [], NOT_IN_CORPUS_MELA),
            ("measured what was inside them", U, [], NOT_IN_CORPUS_MELA),
            ("The actual amount of melatonin ranged from about three quarters of the labelled dose to almost three and a half times as much", U, [],
             NOT_IN_CORPUS_MELA),
            ("Some of the gummies also contained CBD, an extract of cannabis", U, [], NOT_IN_CORPUS_MELA),
            ("The team is based at a hospital near Boston", U, [], NARRATIVE),
            ("Jessica Alvarez, a mother of two in Columbus, Ohio, began giving her four-year-old daughter a gummy every night last winter", U, [],
             NARRATIVE),
            ("She stopped after the girl slept for fourteen hours straight", U, [], NARRATIVE),
            ("Reports to US poison control centres of children swallowing melatonin rose more than fivefold between 2012 and 2021", S, ["MELA-01"],
             "annual paediatric ingestions rose about 530% from 2012 to 2021"),
            ("Nearly half of those children needed hospital treatment", U, ["MELA-01"],
             "about 4,100 of about 260,000 were hospitalised; most had no symptoms"),
            ("Dozens of children have died after taking melatonin", O, ["MELA-01"],
             "2 deaths were reported, not dozens"),
        ],
        "non_claims": [
            "I felt like I had been drugging her",
            "This is deeply worrying",
            "Parents should keep supplements out of reach and ask a paediatrician before giving melatonin to a child",
        ],
    },
]
