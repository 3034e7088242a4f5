"""Four more articles (statins and muscle pain, fish oil and the heart, lecanemab for Alzheimer's,
an RSV vaccine for older adults) and their 6 evidence records.

The lecanemab and RSV stories report studies that are deliberately left out of the corpus
(`"sources": []`): the corpus holds only a topical neighbour (donanemab, Pfizer's RSV vaccine),
so claims about the reported trial itself are unsupported with no evidence.
"""

from newsroom.common import O, S, U, rec, summary

NARRATIVE = "narrative detail; no record addresses it"
NO_CLARITY = "the Clarity AD trial is not in the corpus; no record addresses it"
NO_ARESVI = "the AReSVi-006 trial of this vaccine is not in the corpus; no record addresses it"

# --------------------------------------------------------------------------------------
# Evidence records
# --------------------------------------------------------------------------------------

CORPUS = [
    # ---- statins and muscle symptoms ----
    rec("STAT-01", "N-of-1 trial of a statin, placebo or no treatment in patients who had stopped statins because of side effects (SAMSON)",
        "Background: Many patients stop taking statins because of side effects, most often muscle aches, although blinded trials show few such effects. Methods: 60 patients in London who had stopped statin therapy because of side effects were each given 12 one-month medication bottles in random order: four containing atorvastatin 20 mg, four containing placebo and four empty, and they rated the intensity of their symptoms every day on a smartphone app on a scale from 0 (none) to 100 (worst imaginable). Results: 49 patients completed all 12 months. Mean symptom intensity was 8.0 in months without tablets, 15.4 in placebo months and 16.3 in statin months; symptoms in statin months did not differ significantly from those in placebo months. The ratio of symptoms on placebo to symptoms on statin (the nocebo ratio) was 0.90, meaning that about 90% of the symptom burden experienced on statins was also experienced on placebo. Six months after the trial, 30 of the 60 patients (50%) had restarted statins. Conclusions: Most of the symptom burden elicited by a statin was also elicited by placebo.",
        2020, summary("Wood et al., N Engl J Med 2020 (n-of-1 randomized trial, SAMSON)"),
        ["Randomized Controlled Trial", "Journal Article"],
        ["Humans", "Atorvastatin", "Hydroxymethylglutaryl-CoA Reductase Inhibitors", "Placebos", "Placebo Effect", "Myalgia", "Cross-Over Studies"]),
    rec("STAT-02", "Effect of statin therapy on muscle symptoms: individual participant data meta-analysis of large double-blind randomised trials",
        "Background: Statins are often blamed for muscle pain and weakness, and many patients stop them for this reason. Methods: Individual participant data meta-analysis of 19 double-blind trials comparing a statin with placebo (about 124,000 participants, median follow-up about four years) and four double-blind trials comparing more with less intensive statin regimens (about 31,000 participants). Results: Muscle pain or weakness was reported by 27.1% of participants allocated a statin and 26.6% allocated placebo, a relative increase of about 3%. In the first year of treatment, statins caused a 7% relative increase in reports of muscle pain or weakness, about 11 extra reports per 1000 people; after the first year there was no significant excess. More than 90% of reports of muscle symptoms by participants taking a statin were not due to the statin, and the excess symptoms were mostly mild. Conclusions: Statin therapy caused a small excess of mostly mild muscle pain, mainly in the first year of treatment, which is small compared with its known cardiovascular benefits.",
        2022, summary("Cholesterol Treatment Trialists' Collaboration, Lancet 2022 (individual participant data meta-analysis of randomised trials)"),
        ["Meta-Analysis", "Journal Article"],
        ["Humans", "Hydroxymethylglutaryl-CoA Reductase Inhibitors", "Myalgia", "Muscle Weakness", "Placebos", "Randomized Controlled Trials as Topic"]),

    # ---- fish oil and the heart ----
    rec("OMEGA-01", "Marine n-3 fatty acids and prevention of cardiovascular disease and cancer (VITAL)",
        "Background: Higher intake of marine omega-3 (n-3) fatty acids has been associated with lower risks of cardiovascular disease and cancer in observational studies, but trials in people without these diseases were lacking. Methods: In a nationwide US placebo-controlled trial with a two-by-two factorial design, 25,871 men aged 50 or older and women aged 55 or older without cardiovascular disease or cancer were randomized to 1 g a day of marine n-3 fatty acids (fish oil providing about 840 mg of EPA and DHA) or placebo, and to vitamin D3 or placebo, and followed for a median of 5.3 years. Results: Major cardiovascular events (a composite of myocardial infarction, stroke and death from cardiovascular causes) occurred in 386 participants in the n-3 group and 419 in the placebo group (hazard ratio 0.92), a non-significant difference, and invasive cancer was diagnosed in 820 and 797 participants respectively (hazard ratio 1.03). In secondary analyses, total myocardial infarction was lower with n-3 fatty acids (hazard ratio about 0.72), but the authors caution that secondary end points need confirmation. Death from any cause did not differ between the groups (hazard ratio about 1.02), and no excess bleeding or other serious adverse events were seen. Conclusions: Supplementation with n-3 fatty acids did not lower the incidence of major cardiovascular events or cancer compared with placebo.",
        2019, summary("Manson et al., N Engl J Med 2019 (randomized controlled trial, VITAL)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Middle Aged", "Aged", "Fatty Acids, Omega-3", "Fish Oils", "Dietary Supplements", "Cardiovascular Diseases", "Neoplasms", "Primary Prevention"]),
    rec("OMEGA-02", "Cardiovascular risk reduction with icosapent ethyl for hypertriglyceridemia (REDUCE-IT)",
        "Background: Patients with elevated triglyceride levels remain at increased cardiovascular risk despite statin therapy. Methods: In a multinational double-blind trial, 8179 patients with established cardiovascular disease, or with diabetes and other risk factors, who were taking a statin and had fasting triglycerides of about 135 to 499 mg per decilitre were randomized to 2 g of icosapent ethyl (a highly purified EPA ethyl ester) twice daily, 4 g a day in total, or a mineral oil placebo, and followed for a median of 4.9 years. Results: The primary composite of cardiovascular death, non-fatal myocardial infarction, non-fatal stroke, coronary revascularization or unstable angina occurred in 17.2% of the icosapent ethyl group and 22.0% of the placebo group (hazard ratio 0.75). Cardiovascular death, non-fatal myocardial infarction or non-fatal stroke occurred in 11.2% and 14.8% (hazard ratio 0.74), and cardiovascular death in 4.3% and 5.2%. Hospitalization for atrial fibrillation or flutter was more common with icosapent ethyl (3.1% vs 2.1%), and serious bleeding was slightly but not significantly more frequent (2.7% vs 2.1%). LDL cholesterol and C-reactive protein rose more in the placebo group than in the icosapent ethyl group. Conclusions: Among statin-treated patients with elevated triglycerides, 4 g a day of icosapent ethyl significantly lowered the risk of ischaemic events, including cardiovascular death.",
        2019, summary("Bhatt et al., N Engl J Med 2019 (randomized controlled trial, REDUCE-IT)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Middle Aged", "Aged", "Eicosapentaenoic Acid", "Hypertriglyceridemia", "Cardiovascular Diseases", "Hydroxymethylglutaryl-CoA Reductase Inhibitors", "Atrial Fibrillation"]),

    # ---- Alzheimer's antibodies (a neighbour: the lecanemab trial itself is not in the corpus) ----
    rec("LECA-01", "Donanemab in early symptomatic Alzheimer disease (TRAILBLAZER-ALZ 2)",
        "Background: Donanemab is a monoclonal antibody that targets a modified form of amyloid beta found in established amyloid plaques. Methods: In a phase 3 double-blind trial, 1736 people aged 60 to 85 with early symptomatic Alzheimer's disease (mild cognitive impairment or mild dementia) and amyloid and tau pathology on PET scans were randomized to intravenous donanemab or placebo every four weeks for 76 weeks; participants were switched to placebo in a blinded way once their amyloid plaque had fallen below a set level. Results: Among participants with low or intermediate tau levels, decline on a combined measure of cognition and daily function (iADRS) was about 35% slower with donanemab than with placebo, and in the whole population, including those with high tau, it was about 22% slower. Nearly half of participants met the criteria for stopping donanemab at one year because their plaques had cleared. Amyloid-related imaging abnormalities with brain oedema or effusion (ARIA-E) occurred in about 24% of donanemab participants and 2% of placebo participants, mostly without symptoms; symptomatic ARIA-E occurred in about 6% of donanemab participants. Three deaths in the donanemab group were considered related to treatment. Conclusions: Donanemab significantly slowed clinical progression over 76 weeks in people with early symptomatic Alzheimer's disease, at the cost of a risk of amyloid-related imaging abnormalities, some of them serious.",
        2023, summary("Sims et al., JAMA 2023 (phase 3 randomized clinical trial, TRAILBLAZER-ALZ 2)"),
        ["Randomized Controlled Trial", "Clinical Trial, Phase III", "Multicenter Study"],
        ["Humans", "Aged", "Alzheimer Disease", "Antibodies, Monoclonal, Humanized", "Amyloid beta-Peptides", "Plaque, Amyloid", "Cognitive Dysfunction", "Brain Edema"]),

    # ---- RSV vaccines (a neighbour: the trial the story reports is not in the corpus) ----
    rec("RSV-01", "Efficacy and safety of a bivalent RSV prefusion F vaccine in older adults (RENOIR)",
        "Background: Respiratory syncytial virus (RSV) causes substantial respiratory illness in older adults, and no vaccine had been licensed for them. Methods: In an ongoing phase 3 double-blind trial, about 34,000 adults aged 60 or older were randomized 1:1 to a single injection of an unadjuvanted bivalent RSV prefusion F protein vaccine (RSVpreF) or placebo; the primary end points were RSV-associated lower respiratory tract illness with at least two or at least three signs or symptoms during the first RSV season. Results: At the planned interim analysis, vaccine efficacy was about 67% against RSV lower respiratory tract illness with at least two signs or symptoms (11 vs 33 cases) and about 86% against illness with at least three signs or symptoms (2 vs 14 cases). Local reactions, mostly mild injection-site pain, were more common with vaccine than with placebo (about 12% vs 7%), systemic reactions were similar (about 27% vs 26%), and serious adverse events occurred at similar rates in the two groups (about 2.3% each). Too few cases were severe to estimate efficacy against severe disease. Conclusions: A single dose of RSVpreF vaccine prevented RSV-associated lower respiratory tract illness in adults aged 60 or older during the first season, without evident safety concerns; follow-up over further seasons continues.",
        2023, summary("Walsh et al., N Engl J Med 2023 (phase 3 randomized controlled trial, RENOIR, interim analysis)"),
        ["Randomized Controlled Trial", "Clinical Trial, Phase III", "Multicenter Study"],
        ["Humans", "Aged", "Respiratory Syncytial Virus Infections", "Respiratory Syncytial Virus Vaccines", "Respiratory Tract Infections", "Vaccine Efficacy"]),
]


# --------------------------------------------------------------------------------------
# Articles (invented; each begins with its headline line)
# --------------------------------------------------------------------------------------

ARTICLES = [
    # ---- statins and muscle symptoms ----
    {
        "id": "statins-muscle-pain",
        "text": """Statin side effects are all in the mind, study finds

Patients who had given up statins because of aches and pains felt almost as bad when they unknowingly took dummy pills, according to a trial in London. They recorded how they felt every day on a smartphone app.

About 90 percent of the symptoms the patients reported on the statin also appeared when they took the placebo, the researchers said. Half of them went back to taking statins after the trial. Symptoms were twice as bad on the statin as on the placebo, one patient forum claimed.

Margaret Hale, 67, a retired teacher from Croydon, stopped her statin after a week of aching legs. "Honestly, I felt a bit foolish when I read about it," she said.

A separate analysis pooled 19 blinded trials of statins against placebo involving more than 120,000 people. Muscle pain was reported almost as often by people on placebo as by people on statins. In the first year of treatment, statins raised reports of muscle pain by about 30 percent. Coenzyme Q10 supplements prevent statin aches, according to several supplement makers.

"It is a striking result," said Dr. Naomi Clarke, a cardiologist in Bristol. Anyone who stopped a statin because of side effects should talk to their doctor about trying again.
""",
        "claims": [
            ("Statin side effects are all in the mind", O, ["STAT-01", "STAT-02"],
             "about 90% of the symptom burden also occurred on placebo; statins do cause a small excess of mild muscle symptoms"),
            ("Patients who had given up statins because of aches and pains felt almost as bad when they unknowingly took dummy pills", S, ["STAT-01"],
             "mean symptom intensity 15.4 in placebo months vs 16.3 in statin months"),
            ("They recorded how they felt every day on a smartphone app", S, ["STAT-01"],
             "symptom intensity rated daily on a smartphone app"),
            ("About 90 percent of the symptoms the patients reported on the statin also appeared when they took the placebo", S, ["STAT-01"],
             "nocebo ratio 0.90"),
            ("Half of them went back to taking statins after the trial", S, ["STAT-01"],
             "30 of 60 patients (50%) had restarted statins six months after the trial"),
            ("Symptoms were twice as bad on the statin as on the placebo", U, ["STAT-01"],
             "16.3 vs 15.4, no significant difference between statin and placebo months"),
            ("Margaret Hale, 67, a retired teacher from Croydon, stopped her statin after a week of aching legs", U, [],
             NARRATIVE),
            ("A separate analysis pooled 19 blinded trials of statins against placebo involving more than 120,000 people", S, ["STAT-02"],
             "19 double-blind statin-vs-placebo trials, about 124,000 participants"),
            ("Muscle pain was reported almost as often by people on placebo as by people on statins", S, ["STAT-02"],
             "muscle pain or weakness in 26.6% on placebo vs 27.1% on statin"),
            ("In the first year of treatment, statins raised reports of muscle pain by about 30 percent", O, ["STAT-02"],
             "a 7% relative increase in the first year (about 11 per 1000), not 30%"),
            ("Coenzyme Q10 supplements prevent statin aches", U, [],
             "no record addresses coenzyme Q10"),
        ],
        "non_claims": [
            "Honestly, I felt a bit foolish when I read about it",
            "It is a striking result",
            "Anyone who stopped a statin because of side effects should talk to their doctor about trying again",
        ],
    },

    # ---- fish oil and the heart ----
    {
        "id": "omega-3-heart",
        "text": """Everyday fish oil pills fail to cut heart disease or cancer, trial finds

In a US trial of nearly 26,000 healthy adults aged 50 and over, a daily 1-gram fish oil capsule taken for about five years did not reduce heart attacks, strokes and deaths from heart disease taken together. The pills cut heart attacks by more than half, according to a supplement maker's website. Deaths from any cause fell by 30 percent among those taking fish oil, the website adds.

A second trial gave a much higher dose of a purified prescription fish oil, icosapent ethyl, to about 8,000 people with high triglycerides who were already on statins. Over about five years, the drug cut heart attacks, strokes and other heart problems by about a quarter compared with a placebo. More people on the drug were admitted to hospital with an irregular heartbeat. The drug has no side effects, a leaflet from one pharmacy chain claims. High-dose prescription fish oil will protect anyone worried about their heart, the leaflet adds.

Frank Moretti, 72, a retired bus driver from Leeds, has taken fish oil every morning for 20 years. "I just feel better knowing I'm doing something," he said.

"It is a confusing picture for patients," said Dr. Rachel Osei, a cardiologist in Sheffield. Eating oily fish twice a week also protects the brain from dementia, she added. More research is needed to know who really benefits from high-dose fish oil.
""",
        "claims": [
            ("Everyday fish oil pills fail to cut heart disease or cancer", S, ["OMEGA-01"],
             "1 g/day n-3 did not lower major cardiovascular events or invasive cancer"),
            ("In a US trial of nearly 26,000 healthy adults aged 50 and over, a daily 1-gram fish oil capsule taken for about five years did not reduce heart attacks, strokes and deaths from heart disease taken together", S, ["OMEGA-01"],
             "25,871 adults, median 5.3 years; composite hazard ratio 0.92, not significant"),
            ("The pills cut heart attacks by more than half", O, ["OMEGA-01"],
             "total myocardial infarction about 28% lower (hazard ratio 0.72) in a secondary analysis needing confirmation"),
            ("Deaths from any cause fell by 30 percent among those taking fish oil", U, ["OMEGA-01"],
             "death from any cause did not differ (hazard ratio about 1.02)"),
            ("A second trial gave a much higher dose of a purified prescription fish oil, icosapent ethyl, to about 8,000 people with high triglycerides who were already on statins", S, ["OMEGA-02"],
             "8179 statin-treated patients with raised triglycerides; 4 g a day"),
            ("Over about five years, the drug cut heart attacks, strokes and other heart problems by about a quarter compared with a placebo", S, ["OMEGA-02"],
             "primary composite 17.2% vs 22.0% (hazard ratio 0.75), median 4.9 years"),
            ("More people on the drug were admitted to hospital with an irregular heartbeat", S, ["OMEGA-02"],
             "hospitalization for atrial fibrillation or flutter 3.1% vs 2.1%"),
            ("The drug has no side effects", U, ["OMEGA-02"],
             "more hospitalization for atrial fibrillation and slightly more serious bleeding"),
            ("High-dose prescription fish oil will protect anyone worried about their heart", O, ["OMEGA-02"],
             "tested only in statin-treated patients with cardiovascular disease or diabetes and raised triglycerides"),
            ("Frank Moretti, 72, a retired bus driver from Leeds, has taken fish oil every morning for 20 years", U, [],
             NARRATIVE),
            ("Eating oily fish twice a week also protects the brain from dementia", U, [],
             "no record addresses fish intake or dementia"),
        ],
        "non_claims": [
            "I just feel better knowing I'm doing something",
            "It is a confusing picture for patients",
            "More research is needed to know who really benefits from high-dose fish oil",
        ],
    },

    # ---- lecanemab (source study deliberately not in the corpus) ----
    {
        "id": "lecanemab-alzheimers",
        "text": """New Alzheimer's drug halts memory loss, trial shows

An antibody drug called lecanemab slowed the decline in memory and thinking of people with early Alzheimer's disease by 27 percent over 18 months, researchers reported. The trial enrolled 1,795 people with mild cognitive impairment or mild dementia due to Alzheimer's. They received an infusion of the drug or a placebo every two weeks. The drug also cleared most of the sticky amyloid plaques from their brains, scans showed.

Brain swelling showed up on scans in about one in eight patients on the drug, mostly without symptoms. The drug reverses Alzheimer's disease, according to a patient advocacy blog.

Peter Lang, 71, a former postman from Dayton, Ohio, took part in the trial. "We feel we have been given time back," said his wife, Ruth.

A rival antibody, donanemab, slowed decline by more than half in a separate trial of about 1,700 people with early Alzheimer's. In that trial, brain swelling appeared in fewer than one in a hundred patients given donanemab. Many of them were able to stop the drug once scans showed their plaques had cleared.

"This is a genuinely exciting time for the field," said Dr. Ingrid Sorensen, a neurologist in Copenhagen. Longer studies are needed to show whether the benefit grows over time.
""",
        "sources": [],
        "claims": [
            ("New Alzheimer's drug halts memory loss", U, [], NO_CLARITY),
            ("An antibody drug called lecanemab slowed the decline in memory and thinking of people with early Alzheimer's disease by 27 percent over 18 months", U, [],
             NO_CLARITY),
            ("The trial enrolled 1,795 people with mild cognitive impairment or mild dementia due to Alzheimer's", U, [],
             NO_CLARITY),
            ("They received an infusion of the drug or a placebo every two weeks", U, [], NO_CLARITY),
            ("The drug also cleared most of the sticky amyloid plaques from their brains", U, [], NO_CLARITY),
            ("Brain swelling showed up on scans in about one in eight patients on the drug, mostly without symptoms", U, [],
             NO_CLARITY),
            ("The drug reverses Alzheimer's disease", U, [],
             "no record addresses lecanemab; the donanemab record shows slowing, not reversal, of decline"),
            ("Peter Lang, 71, a former postman from Dayton, Ohio, took part in the trial", U, [], NARRATIVE),
            ("A rival antibody, donanemab, slowed decline by more than half in a separate trial of about 1,700 people with early Alzheimer's", O, ["LECA-01"],
             "1736 participants; decline about 35% slower with low/intermediate tau and 22% overall, not more than half"),
            ("In that trial, brain swelling appeared in fewer than one in a hundred patients given donanemab", U, ["LECA-01"],
             "ARIA-E (brain oedema) in about 24% of donanemab participants"),
            ("Many of them were able to stop the drug once scans showed their plaques had cleared", S, ["LECA-01"],
             "nearly half met the plaque-clearance criteria for stopping donanemab at one year"),
        ],
        "non_claims": [
            "We feel we have been given time back",
            "This is a genuinely exciting time for the field",
            "Longer studies are needed to show whether the benefit grows over time",
        ],
    },

    # ---- RSV vaccine (source study deliberately not in the corpus) ----
    {
        "id": "rsv-vaccine-older-adults",
        "text": """RSV vaccine gives older adults near-complete protection, study shows

A single shot of a new vaccine against respiratory syncytial virus (RSV) cut RSV lung infections in adults aged 60 and over by 83 percent over one winter, according to the researchers. About 25,000 older adults in 17 countries took part in the trial. It worked just as well in people in their 70s and in those with heart or lung disease. Sore arms, tiredness and aches were common after the jab.

Joan Whitaker, 78, of Bournemouth, spent two weeks in hospital with RSV two winters ago. "I never want to feel that ill again," she said. She was first in line for the jab at her local pharmacy this autumn.

A competing vaccine from Pfizer prevented about two thirds of RSV lung infections in a trial of about 34,000 people aged 60 and over. Against more serious infections with three or more symptoms, the Pfizer shot was 100 percent effective. Serious side effects were three times as common among people given the Pfizer vaccine as among those given a placebo, an anti-vaccine website claims.

"It is a remarkable result," said Dr. Owen Price, a public health doctor in Cardiff. One dose protects for life, one pharmacy chain's advert says. Adults over 60 should ask their GP or pharmacist whether they can get the vaccine this autumn.
""",
        "sources": [],
        "claims": [
            ("RSV vaccine gives older adults near-complete protection", U, [], NO_ARESVI),
            ("A single shot of a new vaccine against respiratory syncytial virus (RSV) cut RSV lung infections in adults aged 60 and over by 83 percent over one winter", U, [],
             NO_ARESVI),
            ("About 25,000 older adults in 17 countries took part in the trial", U, [], NO_ARESVI),
            ("It worked just as well in people in their 70s and in those with heart or lung disease", U, [], NO_ARESVI),
            ("Sore arms, tiredness and aches were common after the jab", U, [], NO_ARESVI),
            ("Joan Whitaker, 78, of Bournemouth, spent two weeks in hospital with RSV two winters ago", U, [], NARRATIVE),
            ("She was first in line for the jab at her local pharmacy this autumn", U, [], NARRATIVE),
            ("A competing vaccine from Pfizer prevented about two thirds of RSV lung infections in a trial of about 34,000 people aged 60 and over", S, ["RSV-01"],
             "RSVpreF efficacy about 67% against RSV lower respiratory tract illness; about 34,000 adults aged 60+"),
            ("Against more serious infections with three or more symptoms, the Pfizer shot was 100 percent effective", O, ["RSV-01"],
             "about 86% (2 vs 14 cases), not 100%"),
            ("Serious side effects were three times as common among people given the Pfizer vaccine as among those given a placebo", U, ["RSV-01"],
             "serious adverse events about 2.3% in each group"),
            ("One dose protects for life", U, [],
             "no record addresses protection beyond the first season"),
        ],
        "non_claims": [
            "I never want to feel that ill again",
            "It is a remarkable result",
            "Adults over 60 should ask their GP or pharmacist whether they can get the vaccine this autumn",
        ],
    },
]
