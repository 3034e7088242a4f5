"""Four more articles (multivitamins and memory, daily steps, tirzepatide, Paxlovid) and their
6 evidence records. The tirzepatide (SURMOUNT-1) and Paxlovid (EPIC-HR) stories report studies
that are deliberately left out of the corpus (`"sources": []`); each has one related record."""

from newsroom.common import O, S, U, rec, summary

# --------------------------------------------------------------------------------------
# Evidence records
# --------------------------------------------------------------------------------------

CORPUS = [
    # ---- multivitamins and memory ----
    rec("MVIT-01", "Multivitamin supplementation and memory in older adults (COSMOS-Web)",
        "Background: Whether a daily multivitamin supplement benefits memory in older adults is uncertain. Methods: In an ancillary study of the COSMOS trial, about 3,500 US adults aged 60 or older were randomized in a 2x2 factorial design to a daily multivitamin-mineral supplement or placebo (and to cocoa extract or placebo), and completed internet-based cognitive tests at home at baseline and once a year for three years. The primary outcome was immediate recall on a word-list learning test at one year. Results: Compared with placebo, participants assigned to the multivitamin had modestly but significantly better immediate word-list recall at one year, and the benefit was maintained on average across the three years of follow-up. Based on the cross-sectional relation between age and test performance, the authors estimated the effect as equivalent to about three years of age-related memory change. The multivitamin had no significant effect on the secondary outcomes, which included other tests of memory and tests of executive function and attention. Conclusions: A daily multivitamin modestly improved immediate recall in older adults compared with placebo; no effect was seen on other cognitive measures.",
        2023, summary("Yeung et al., Am J Clin Nutr 2023 (randomized controlled trial, COSMOS-Web)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Aged", "Vitamins", "Minerals", "Dietary Supplements", "Memory", "Cognitive Aging"]),
    rec("MVIT-02", "Effects of cocoa extract and a multivitamin on cognitive function in older adults (COSMOS-Mind)",
        "Background: Cocoa flavanols and multivitamins have been proposed to protect cognition in ageing, but large long-term trials are few. Methods: In COSMOS-Mind, an ancillary study of the COSMOS trial, 2,262 US adults aged 65 or older were randomized in a 2x2 factorial design to a cocoa extract supplement or placebo and to a daily multivitamin-mineral supplement or placebo, and completed telephone-based cognitive tests at baseline and each year for three years. The primary outcome was a composite score of global cognition. Results: Cocoa extract had no significant effect on global cognition. Compared with placebo, the daily multivitamin produced a small but statistically significant benefit on global cognition over three years, which the authors interpreted as a slowing of cognitive ageing. The benefit appeared larger in participants with a history of cardiovascular disease. Conclusions: A daily multivitamin may modestly benefit cognition in older adults, a finding that needs confirmation in other populations; cocoa extract did not benefit cognition.",
        2022, summary("Baker et al., Alzheimers Dement 2022 (randomized controlled trial, COSMOS-Mind)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Aged", "Vitamins", "Dietary Supplements", "Cacao", "Cognition", "Cognitive Aging"]),

    # ---- daily steps ----
    rec("STEPS-01", "Daily steps and all-cause mortality: a meta-analysis of 15 international cohorts",
        "Background: Daily step counts are an easily understood measure of physical activity, but how many steps are linked with lower mortality, and whether this differs by age, is unclear. Methods: Meta-analysis of data from 15 prospective cohort studies in several countries, including about 47,000 adults whose daily steps were measured with a device and who were followed for a median of about seven years, during which about 3,000 died. Results: Compared with the lowest quartile of steps (median about 3,500 steps a day), the second, third and highest quartiles (medians about 5,800, 7,800 and 10,900 steps a day) had progressively lower risk of death, with hazard ratios of about 0.60, 0.55 and 0.47. Among adults aged 60 or older, the reduction in risk levelled off at about 6,000 to 8,000 steps a day; among adults younger than 60 it levelled off at about 8,000 to 10,000 steps a day. Conclusions: Taking more steps a day was associated with progressively lower risk of death up to a plateau that varied with age; because the studies were observational, causality cannot be established.",
        2022, summary("Paluch et al., Lancet Public Health 2022 (meta-analysis of prospective cohort studies)"),
        ["Meta-Analysis", "Journal Article"],
        ["Humans", "Adult", "Aged", "Walking", "Exercise", "Mortality", "Cohort Studies", "Accelerometry"]),
    rec("STEPS-02", "Association of step volume and intensity with all-cause mortality in older women",
        "Background: 10,000 steps a day is a popular target, but the number of steps linked with lower mortality is unclear, as is the role of stepping intensity. Methods: 16,741 women with a mean age of 72 taking part in the US Women's Health Study wore an accelerometer for a week between 2011 and 2015 and were followed for a mean of 4.3 years, during which 504 died. Results: Women who took a median of about 4,400 steps a day had significantly lower mortality than those taking about 2,700 steps a day (hazard ratio about 0.59). Mortality rates fell progressively with more steps before levelling off at about 7,500 steps a day. Measures of stepping intensity were not clearly associated with lower mortality after accounting for total steps. Conclusions: Among older women, as few as about 4,400 steps a day was associated with lower mortality than about 2,700, with the association levelling off at about 7,500 steps a day; the study was observational.",
        2019, summary("Lee et al., JAMA Intern Med 2019 (prospective cohort study, Women's Health Study)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "Female", "Aged", "Walking", "Mortality", "Accelerometry", "Prospective Studies"]),

    # ---- tirzepatide (SURMOUNT-1 itself is deliberately not in the corpus) ----
    rec("TIRZ-01", "Tirzepatide versus semaglutide once weekly in patients with type 2 diabetes (SURPASS-2)",
        "Background: Tirzepatide is a once-weekly dual agonist of the GIP and GLP-1 receptors developed for the treatment of type 2 diabetes. Methods: In an open-label, 40-week trial, 1,879 adults with type 2 diabetes inadequately controlled with metformin were randomized to once-weekly tirzepatide at 5 mg, 10 mg or 15 mg or to once-weekly semaglutide 1 mg. The primary outcome was the change in glycated haemoglobin (HbA1c). Results: HbA1c fell by about 2.0, 2.2 and 2.3 percentage points with the three tirzepatide doses and by about 1.9 points with semaglutide; all tirzepatide doses were non-inferior and superior to semaglutide. Body weight fell by about 7.6, 9.3 and 11.2 kg with the three tirzepatide doses and by about 5.7 kg with semaglutide. Gastrointestinal side effects were the most common adverse events in all groups, with nausea in about 17 to 22% of tirzepatide patients and 18% of semaglutide patients, and were mostly mild to moderate. Conclusions: In patients with type 2 diabetes, tirzepatide was superior to semaglutide for lowering HbA1c and body weight over 40 weeks.",
        2021, summary("Frías et al., N Engl J Med 2021 (randomized controlled trial, SURPASS-2)"),
        ["Randomized Controlled Trial", "Clinical Trial, Phase III"],
        ["Humans", "Diabetes Mellitus, Type 2", "Glucagon-Like Peptides", "Gastric Inhibitory Polypeptide", "Hypoglycemic Agents", "Glycated Hemoglobin", "Weight Loss", "Metformin"]),

    # ---- COVID-19 antivirals (EPIC-HR itself is deliberately not in the corpus) ----
    rec("COVRX-01", "Molnupiravir plus usual care versus usual care alone in vaccinated adults at increased risk with COVID-19 in the community (PANORAMIC)",
        "Background: Molnupiravir, an oral antiviral, reduced hospitalisation in unvaccinated high-risk adults in an earlier trial, but its value in vaccinated populations was unknown. Methods: In PANORAMIC, an open-label, platform adaptive randomised trial in UK primary care, about 26,000 adults aged 50 or older, or 18 or older with a condition that increased their risk, who had had symptoms of COVID-19 for up to five days were randomized to molnupiravir 800 mg twice a day for five days plus usual care or to usual care alone. More than 90% of participants had received at least three doses of a COVID-19 vaccine. Results: Hospitalisation or death within 28 days was rare and did not differ between groups (about 0.8% in each; adjusted odds ratio about 1.06). Participants given molnupiravir reported recovering faster, by an estimated four days on average, and had lower viral loads. Conclusions: Molnupiravir did not reduce the already low rate of hospitalisation or death among high-risk vaccinated adults with COVID-19 in the community, although it was associated with faster self-reported recovery.",
        2023, summary("Butler et al., Lancet 2023 (randomized controlled trial, PANORAMIC)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Adult", "COVID-19", "COVID-19 Drug Treatment", "Antiviral Agents", "Hydroxylamines", "Cytidine", "Hospitalization", "Primary Health Care", "United Kingdom"]),
]


# --------------------------------------------------------------------------------------
# Articles (invented; each begins with its headline line)
# --------------------------------------------------------------------------------------

ARTICLES = [
    # ---- multivitamins and memory ----
    {
        "id": "multivitamin-memory",
        "text": """Daily multivitamin turns back the memory clock, study finds

Could a cheap daily pill help older people hold on to their memories?

In a trial of about 3,500 adults aged 60 and older, volunteers were randomly assigned to take either a multivitamin or a dummy pill every day. After a year, those on the multivitamin remembered more words from a list they had just been shown, the researchers said. That gain was worth roughly three years of age-related memory change, by their estimate. The team that ran the study is based in New York.

The pill turns back the memory clock by a decade, according to a supplement retailer that promoted the study. Scores on the volunteers' other memory tests rose by about 20 percent as well, the retailer said.

An earlier trial from the same research programme, in more than 2,000 people aged 65 and older, found that a daily multivitamin gave a small boost to overall thinking skills over three years. Multivitamins stop mental decline in old age, the retailer says. A cocoa extract tested in the same trial also improved thinking skills.

"I feel sharper than I have in years," said Joan Whitley, 76, a retired librarian in Harrogate. She has taken a multivitamin every morning for the past two years.

"The result is very encouraging," said Dr. Samuel Adeyemi, a geriatrician in Leeds who was not involved in either study. "But we need to know whether it holds up in more diverse groups of people."
""",
        "claims": [
            ("Daily multivitamin turns back the memory clock", O, ["MVIT-01"],
             "a modest gain on one recall measure, estimated as about three years of age-related change"),
            ("In a trial of about 3,500 adults aged 60 and older, volunteers were randomly assigned to take either a multivitamin or a dummy pill every day", S, ["MVIT-01"],
             "about 3,500 adults aged 60+ randomized to a daily multivitamin or placebo"),
            ("After a year, those on the multivitamin remembered more words from a list they had just been shown", S, ["MVIT-01"],
             "better immediate word-list recall at one year than placebo"),
            ("That gain was worth roughly three years of age-related memory change", S, ["MVIT-01"],
             "effect estimated as equivalent to about three years of age-related memory change"),
            ("The team that ran the study is based in New York", U, [],
             "narrative detail; no record addresses it"),
            ("The pill turns back the memory clock by a decade", O, ["MVIT-01"],
             "about three years of age-related memory change, not a decade"),
            ("Scores on the volunteers' other memory tests rose by about 20 percent as well", U, ["MVIT-01"],
             "no significant effect on the secondary outcomes, including other memory tests"),
            ("An earlier trial from the same research programme, in more than 2,000 people aged 65 and older, found that a daily multivitamin gave a small boost to overall thinking skills over three years", S, ["MVIT-02"],
             "COSMOS-Mind: 2,262 adults aged 65+, small significant benefit on global cognition over three years"),
            ("Multivitamins stop mental decline in old age", O, ["MVIT-02"],
             "a small benefit on global cognition, interpreted as slowing cognitive ageing, not stopping decline"),
            ("A cocoa extract tested in the same trial also improved thinking skills", U, ["MVIT-02"],
             "cocoa extract had no significant effect on global cognition"),
            ("She has taken a multivitamin every morning for the past two years", U, [],
             "narrative detail; no record addresses it"),
        ],
        "non_claims": [
            "Could a cheap daily pill help older people hold on to their memories?",
            "I feel sharper than I have in years",
            "The result is very encouraging",
            "we need to know whether it holds up in more diverse groups of people",
        ],
    },

    # ---- daily steps ----
    {
        "id": "daily-steps-mortality",
        "text": """Walking more steps a day adds years to your life, study shows

Does every step really count?

An international team pooled data from 15 studies that together tracked about 47,000 adults wearing step counters. People who took the most steps each day were about half as likely to die during follow-up as those who took the fewest. For people aged 60 and older, the benefit levelled off at around 6,000 to 8,000 steps a day. For younger adults, it levelled off at 8,000 to 10,000 steps. Walking more cuts your risk of dying by 90 percent, according to a fitness app that shared the findings. Older adults need at least 15,000 steps a day to see any benefit, the app claims.

In an earlier study of about 16,700 older American women, those who walked around 4,400 steps a day were less likely to die over about four years than those who walked about 2,700. Their risk kept falling with more steps until about 7,500 a day, when it levelled off. Brisk walking mattered more than the number of steps, one personal trainer said.

Frank Delaney, 68, of Galway, started counting his steps after a heart scare. "It has given me my life back," he said.

"It is an exciting time for the field," said Dr. Maya Lindqvist, a public health researcher in Stockholm. Older adults who are new to walking should build up slowly.
""",
        "claims": [
            ("Walking more steps a day adds years to your life", O, ["STEPS-01"],
             "observational association with lower mortality; causality not established"),
            ("An international team pooled data from 15 studies that together tracked about 47,000 adults wearing step counters", S, ["STEPS-01"],
             "15 cohorts, about 47,000 adults with device-measured steps"),
            ("People who took the most steps each day were about half as likely to die during follow-up as those who took the fewest", S, ["STEPS-01"],
             "highest vs lowest quartile: hazard ratio about 0.47"),
            ("For people aged 60 and older, the benefit levelled off at around 6,000 to 8,000 steps a day", S, ["STEPS-01"],
             "risk reduction levelled off at about 6,000-8,000 steps a day in adults 60+"),
            ("For younger adults, it levelled off at 8,000 to 10,000 steps", S, ["STEPS-01"],
             "levelled off at about 8,000-10,000 steps a day in adults under 60"),
            ("Walking more cuts your risk of dying by 90 percent", O, ["STEPS-01"],
             "about 53% lower risk in the highest vs lowest quartile, and observational"),
            ("Older adults need at least 15,000 steps a day to see any benefit", U, ["STEPS-01"],
             "in adults 60+ lower risk was seen at far fewer steps and levelled off at about 6,000-8,000"),
            ("In an earlier study of about 16,700 older American women, those who walked around 4,400 steps a day were less likely to die over about four years than those who walked about 2,700", S, ["STEPS-02"],
             "16,741 women, mean 4.3 years; hazard ratio about 0.59 for ~4,400 vs ~2,700 steps"),
            ("Their risk kept falling with more steps until about 7,500 a day, when it levelled off", S, ["STEPS-02"],
             "mortality fell with more steps before levelling at about 7,500 a day"),
            ("Brisk walking mattered more than the number of steps", U, ["STEPS-02"],
             "stepping intensity was not clearly associated with mortality after accounting for total steps"),
            ("Frank Delaney, 68, of Galway, started counting his steps after a heart scare", U, [],
             "narrative detail; no record addresses it"),
        ],
        "non_claims": [
            "Does every step really count?",
            "It has given me my life back",
            "It is an exciting time for the field",
            "Older adults who are new to walking should build up slowly",
        ],
    },

    # ---- tirzepatide (SURMOUNT-1 not in the corpus) ----
    {
        "id": "tirzepatide-weight-loss",
        "text": """New weight-loss jab helps people shed a fifth of their body weight

Is this the most powerful obesity drug yet?

A trial of the weekly injection tirzepatide enrolled 2,539 adults with obesity or overweight who did not have diabetes. Over 72 weeks, those on the highest dose lost an average of 20.9 percent of their body weight, the researchers reported. Volunteers given a placebo lost only about 3 percent.

"These are remarkable numbers," said Dr. Rachel Goldberg, an obesity specialist in Chicago. "Longer studies are needed to see whether the weight stays off after people stop the injections."

Tirzepatide is already sold as a treatment for type 2 diabetes. In a trial of people with type 2 diabetes, it lowered blood sugar more than semaglutide, a rival weekly injection. It also helped them lose three times as much weight as semaglutide did. Nausea affects fewer than one in 50 people who take it, according to a patient forum.

Denise Harlow, 47, from Swindon, lost 30 kilograms on the drug. "I feel like a different person," she said. She now runs three times a week.
""",
        "sources": [],
        "claims": [
            ("New weight-loss jab helps people shed a fifth of their body weight", U, [],
             "SURMOUNT-1 is not in the corpus; no record addresses tirzepatide for obesity"),
            ("A trial of the weekly injection tirzepatide enrolled 2,539 adults with obesity or overweight who did not have diabetes", U, [],
             "SURMOUNT-1 is not in the corpus; no record addresses it"),
            ("Over 72 weeks, those on the highest dose lost an average of 20.9 percent of their body weight", U, [],
             "SURMOUNT-1 is not in the corpus; no record addresses it"),
            ("Volunteers given a placebo lost only about 3 percent", U, [],
             "SURMOUNT-1 is not in the corpus; no record addresses it"),
            ("Tirzepatide is already sold as a treatment for type 2 diabetes", U, [],
             "no record addresses tirzepatide's approval or marketing"),
            ("In a trial of people with type 2 diabetes, it lowered blood sugar more than semaglutide, a rival weekly injection", S, ["TIRZ-01"],
             "SURPASS-2: all tirzepatide doses superior to weekly semaglutide for HbA1c"),
            ("It also helped them lose three times as much weight as semaglutide did", O, ["TIRZ-01"],
             "7.6-11.2 kg vs 5.7 kg: at most about twice as much, not three times"),
            ("Nausea affects fewer than one in 50 people who take it", U, ["TIRZ-01"],
             "nausea in about 17-22% of tirzepatide patients"),
            ("Denise Harlow, 47, from Swindon, lost 30 kilograms on the drug", U, [],
             "narrative detail; no record addresses it"),
            ("She now runs three times a week", U, [],
             "narrative detail; no record addresses it"),
        ],
        "non_claims": [
            "Is this the most powerful obesity drug yet?",
            "These are remarkable numbers",
            "Longer studies are needed to see whether the weight stays off after people stop the injections",
            "I feel like a different person",
        ],
    },

    # ---- Paxlovid (EPIC-HR not in the corpus) ----
    {
        "id": "paxlovid-covid",
        "text": """Paxlovid cuts Covid hospital admissions by almost 90 percent

Could a five-day course of pills keep people with Covid out of hospital?

In a trial of about 2,200 unvaccinated adults at high risk of severe illness, those who took nirmatrelvir with ritonavir within three days of their first symptoms were 89 percent less likely to be admitted to hospital or to die than those given a placebo, the researchers reported. None of the patients who took the pills died. The ritonavir keeps the main drug in the body for longer, they explained.

The pills work just as well in people who have been vaccinated, according to a spokesperson for a pharmacy chain that sells them.

In a large British trial of mostly vaccinated people, another antiviral pill, molnupiravir, did not reduce hospital admissions or deaths. People who took it got better about a week sooner. Molnupiravir halved hospital admissions among vaccinated patients, one health blog reported.

Graham Pike, 71, of Norwich, took Paxlovid after testing positive last winter. He was back on the golf course within a week. "I was terrified, and now I just feel lucky," he said.

"This is an impressive result," said Dr. Anika Shah, an infectious diseases doctor in Birmingham. People at high risk should ask about antiviral treatment as soon as they test positive.
""",
        "sources": [],
        "claims": [
            ("Paxlovid cuts Covid hospital admissions by almost 90 percent", U, [],
             "EPIC-HR is not in the corpus; no record addresses nirmatrelvir-ritonavir"),
            ("In a trial of about 2,200 unvaccinated adults at high risk of severe illness, those who took nirmatrelvir with ritonavir within three days of their first symptoms were 89 percent less likely to be admitted to hospital or to die than those given a placebo", U, [],
             "EPIC-HR is not in the corpus; no record addresses it"),
            ("None of the patients who took the pills died", U, [],
             "EPIC-HR is not in the corpus; no record addresses it"),
            ("The ritonavir keeps the main drug in the body for longer", U, [],
             "no record addresses nirmatrelvir-ritonavir"),
            ("The pills work just as well in people who have been vaccinated", U, [],
             "no record addresses nirmatrelvir-ritonavir in vaccinated people"),
            ("In a large British trial of mostly vaccinated people, another antiviral pill, molnupiravir, did not reduce hospital admissions or deaths", S, ["COVRX-01"],
             "PANORAMIC: hospitalisation or death about 0.8% in each group"),
            ("People who took it got better about a week sooner", O, ["COVRX-01"],
             "recovery faster by an estimated four days on average, not a week"),
            ("Molnupiravir halved hospital admissions among vaccinated patients", U, ["COVRX-01"],
             "hospitalisation or death did not differ (about 0.8% in each group)"),
            ("Graham Pike, 71, of Norwich, took Paxlovid after testing positive last winter", U, [],
             "narrative detail; no record addresses it"),
            ("He was back on the golf course within a week", U, [],
             "narrative detail; no record addresses it"),
        ],
        "non_claims": [
            "Could a five-day course of pills keep people with Covid out of hospital?",
            "I was terrified, and now I just feel lucky",
            "This is an impressive result",
            "People at high risk should ask about antiviral treatment as soon as they test positive",
        ],
    },
]
