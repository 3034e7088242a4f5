"""The first 13 articles (lupus first, unchanged) and their 33 evidence records."""

from newsroom.common import O, S, U, rec, summary

# --------------------------------------------------------------------------------------
# Evidence records
# --------------------------------------------------------------------------------------

CORPUS = [
    # ---- lupus (unchanged from the original set) ----
    rec("LUPUS-01", "CD19-targeted CAR T cells in refractory systemic lupus erythematosus: a case report",
        "Background: Systemic lupus erythematosus (SLE) is an autoimmune disease driven by autoreactive B cells, and severe refractory cases have few treatment options. Methods: We treated a 20-year-old woman with severe, treatment-refractory SLE with lupus nephritis in Erlangen, Germany, with autologous T cells engineered to express a CD19-directed chimeric antigen receptor (CAR), after lymphodepleting chemotherapy. Results: The CAR T cells expanded in vivo and depleted circulating B cells. Anti-double-stranded DNA antibodies disappeared and proteinuria declined. The patient reached remission of SLE within weeks, with the disease activity score falling to zero. No significant side effects occurred during the first six weeks, and there was no cytokine release syndrome. All lupus medication was stopped, and the patient remained in drug-free remission without further treatment for more than four months. Conclusions: CD19 CAR T-cell therapy may be a treatment option for severe refractory SLE; longer follow-up and more patients are needed.",
        2021, "Summary written for factcheck of: Mougiakakos et al., N Engl J Med 2021 (case report)",
        ["Case Reports", "Letter"],
        ["Humans", "Female", "Young Adult", "Lupus Erythematosus, Systemic", "Receptors, Chimeric Antigen", "Antigens, CD19", "Immunotherapy, Adoptive", "B-Lymphocytes"]),
    rec("LUPUS-02", "Anti-CD19 CAR T-cell therapy for refractory systemic lupus erythematosus in five patients",
        "Background: A first case suggested that CD19 CAR T cells can induce remission in refractory SLE. Methods: Five patients (four women and one man, median age 22 years) with active, treatment-refractory SLE received autologous CD19 CAR T cells. Results: All five patients reached remission of SLE by three months, and all immunosuppressive drugs were stopped. Drug-free remission was maintained during a median follow-up of eight months. Side effects were mild: three patients had mild cytokine release syndrome. B cells returned after a median of 110 days but the disease did not relapse. Conclusions: CD19 CAR T-cell therapy induced drug-free remission in this small series; whether remissions last and whether the disease is cured is not yet known.",
        2022, "Summary written for factcheck of: Mackensen et al., Nat Med 2022 (case series)",
        ["Journal Article", "Case Reports"],
        ["Humans", "Female", "Male", "Adult", "Lupus Erythematosus, Systemic", "Receptors, Chimeric Antigen", "Antigens, CD19", "Remission Induction"]),
    rec("LUPUS-03", "CD19-directed CAR T cells in B-cell acute lymphoblastic leukaemia",
        "Background: CAR T cells directed against CD19, a protein found on B cells, were developed to treat B-cell cancers. Methods: Children and young adults with relapsed or refractory B-cell acute lymphoblastic leukaemia received CD19 CAR T cells in a multicentre trial. Results: Most patients reached complete remission within three months. Cytokine release syndrome was common and sometimes severe. Conclusions: CD19 CAR T cells target B cells, both malignant and healthy, and can induce remission of B-cell leukaemia.",
        2018, "Summary written for factcheck of: Maude et al., N Engl J Med 2018 (trial)",
        ["Clinical Trial", "Multicenter Study"],
        ["Humans", "Child", "Young Adult", "Precursor B-Cell Lymphoblastic Leukemia-Lymphoma", "Receptors, Chimeric Antigen", "Antigens, CD19"]),

    # ---- time-restricted eating ----
    rec("TRE-01", "Time-restricted eating (16:8) versus three meals a day for weight loss in adults with overweight or obesity",
        "Background: Time-restricted eating, in which all food is eaten within a daily window, is widely promoted for weight loss, but randomized evidence in people is limited. Methods: 116 adults with overweight or obesity were randomized for 12 weeks either to eat whenever they liked between 12:00 and 20:00 and nothing outside that window, or to eat three structured meals a day. Neither group was given calorie targets. Results: Weight fell slightly in both groups, by about 0.9 kg with time-restricted eating and about 0.7 kg with three meals a day; the difference between groups was small and not statistically significant. Other metabolic measures such as fat mass, fasting glucose and insulin did not differ significantly between groups. Conclusions: Time-restricted eating on its own did not produce more weight loss than eating throughout the day.",
        2020, summary("Lowe et al., JAMA Intern Med 2020 (randomized clinical trial, TREAT)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Adult", "Obesity", "Overweight", "Fasting", "Weight Loss", "Feeding Behavior"]),
    rec("TRE-02", "Calorie restriction with or without time-restricted eating for weight loss",
        "Background: It is unclear whether limiting the daily eating window adds to the weight loss achieved by calorie restriction. Methods: 139 adults with obesity in Guangzhou, China, were randomized to calorie restriction (1500 to 1800 kcal a day for men, 1200 to 1500 kcal for women) with all eating confined to 08:00 to 16:00, or to the same calorie restriction alone, for 12 months. Results: Mean weight loss at 12 months was about 8.0 kg with time-restricted eating and about 6.3 kg with calorie restriction alone; the difference was not statistically significant. Changes in waist circumference, body fat, body mass index and metabolic risk factors were similar in the two groups, as were adverse events. Conclusions: Over one year, adding time-restricted eating to calorie restriction was not more beneficial for weight loss than calorie restriction alone.",
        2022, summary("Liu et al., N Engl J Med 2022 (randomized controlled trial)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Adult", "Obesity", "Caloric Restriction", "Fasting", "Weight Loss"]),
    rec("TRE-03", "Time-restricted feeding protects mice on a high-fat diet against metabolic disease",
        "Background: Feeding at irregular times disrupts circadian rhythms and metabolism. Methods: Mice fed a high-fat diet were given access to food either at all times or only during an eight-hour window in their active (night) phase. Results: Mice fed within the eight-hour window consumed about as many calories as mice with unlimited access, yet they were protected against obesity, high insulin levels, fatty liver and inflammation, and had better motor coordination. Daily rhythms of clock and metabolic genes in the liver were improved. Conclusions: In mice, restricting the time of feeding without reducing calories prevented metabolic disease caused by a high-fat diet; whether this applies to people needs study.",
        2012, summary("Hatori et al., Cell Metab 2012 (animal study)"),
        ["Journal Article"],
        ["Animals", "Mice", "Diet, High-Fat", "Obesity", "Fatty Liver", "Circadian Rhythm", "Feeding Behavior"]),

    # ---- vitamin D ----
    rec("VITD-01", "Single high dose of vitamin D3 for patients hospitalized with moderate to severe COVID-19",
        "Background: Low vitamin D status has been linked with severe COVID-19, but whether supplementation helps patients is unknown. Methods: In a double-blind trial at two hospitals in Sao Paulo, Brazil, 240 patients hospitalized with moderate to severe COVID-19 were randomized to a single oral dose of 200,000 IU of vitamin D3 or placebo. Results: Blood levels of 25-hydroxyvitamin D rose substantially in the vitamin D group. Median length of hospital stay was about 7 days in both groups, with no significant difference. In-hospital death, admission to intensive care and need for mechanical ventilation did not differ significantly. Conclusions: A single high dose of vitamin D3 did not shorten hospital stay in patients with moderate to severe COVID-19; the findings do not support this use.",
        2021, summary("Murai et al., JAMA 2021 (randomized clinical trial)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "COVID-19", "Vitamin D", "Cholecalciferol", "Hospitalization", "Length of Stay", "Dietary Supplements"]),
    rec("VITD-02", "Test-and-treat vitamin D supplementation to prevent acute respiratory infections and COVID-19 (CORONAVIT)",
        "Background: Observational studies link low vitamin D status with acute respiratory infections and COVID-19. Methods: In an open-label trial in the UK, 6200 adults aged 16 or older who were not taking vitamin D were randomized to be offered a vitamin D blood test, with those with low levels offered 800 IU or 3200 IU of vitamin D3 a day for six months, or to no offer. Results: The proportion of people with at least one confirmed acute respiratory infection did not differ significantly between either supplementation group and the control group. Neither dose reduced the risk of confirmed COVID-19. Conclusions: Offering vitamin D supplements to people with low levels was not associated with a reduction in acute respiratory infections or COVID-19.",
        2022, summary("Jolliffe et al., BMJ 2022 (phase 3 randomized controlled trial, CORONAVIT)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Adult", "COVID-19", "Respiratory Tract Infections", "Vitamin D", "Dietary Supplements", "United Kingdom"]),
    rec("VITD-03", "Vitamin D3 supplementation and fractures in generally healthy midlife and older adults (VITAL)",
        "Background: Vitamin D supplements are widely taken to protect bones. Methods: In an ancillary study of a large US randomized trial, 25,871 men aged 50 or older and women aged 55 or older, not selected for vitamin D deficiency, low bone mass or osteoporosis, were assigned to 2000 IU of vitamin D3 a day or placebo for a median of 5.3 years. Results: Vitamin D3 did not significantly lower the incidence of total fractures, nonvertebral fractures or hip fractures compared with placebo. Conclusions: Vitamin D3 supplementation did not reduce fractures in generally healthy midlife and older adults who were not selected for deficiency, low bone mass or osteoporosis.",
        2022, summary("LeBoff et al., N Engl J Med 2022 (randomized controlled trial, VITAL ancillary study)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Middle Aged", "Aged", "Vitamin D", "Cholecalciferol", "Fractures, Bone", "Dietary Supplements"]),
    rec("VITD-04", "Vitamin D status and testing positive for COVID-19 at a Chicago medical center",
        "Background: Vitamin D supports immune function, and deficiency has been proposed as a risk factor for COVID-19. Methods: In a retrospective cohort study at an urban academic medical center in Chicago, 489 patients whose vitamin D level had been measured in the year before a COVID-19 test were classified by likely vitamin D status. Results: Patients whose vitamin D status was likely deficient were more likely to test positive for COVID-19 than those whose status was likely sufficient (relative risk about 1.8), after adjustment for age and some other factors. Conclusions: Likely deficient vitamin D status was associated with an increased risk of testing positive; randomized trials are needed to determine whether vitamin D treatment reduces COVID-19 risk.",
        2020, summary("Meltzer et al., JAMA Netw Open 2020 (retrospective cohort study)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "COVID-19", "Vitamin D Deficiency", "Cohort Studies", "Risk Factors"]),

    # ---- aspirin ----
    rec("ASP-01", "Aspirin for disability-free survival, cardiovascular events and bleeding in healthy older adults (ASPREE)",
        "Background: Low-dose aspirin is widely used for primary prevention, but its value in healthy older people was uncertain. Methods: 19,114 community-dwelling people in Australia and the United States aged 70 or older (65 or older among Black and Hispanic people in the US), without cardiovascular disease, dementia or physical disability, were randomized to 100 mg of enteric-coated aspirin daily or placebo. The trial was stopped early after a median of 4.7 years because it showed no benefit. Results: Disability-free survival, a composite of death, dementia or persistent physical disability, did not differ between aspirin and placebo. The rate of cardiovascular disease (heart disease and stroke events) was not significantly lower with aspirin. Major haemorrhage was more common with aspirin (3.8% vs 2.8%). Conclusions: In healthy older adults, daily low-dose aspirin did not prolong disability-free survival or significantly reduce cardiovascular disease, and it increased major bleeding.",
        2018, summary("McNeil et al., N Engl J Med 2018 (randomized controlled trial, ASPREE: disability-free survival and cardiovascular reports)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Aged", "Aspirin", "Primary Prevention", "Cardiovascular Diseases", "Hemorrhage", "Dementia"]),
    rec("ASP-02", "Aspirin and all-cause mortality in healthy older adults (ASPREE)",
        "Background: The ASPREE trial compared daily low-dose aspirin with placebo in healthy older adults. Methods: All-cause and cause-specific mortality were analysed among the 19,114 participants followed for a median of 4.7 years. Results: Death from any cause was somewhat more common with aspirin than with placebo (5.9% vs 5.2%). The excess was mainly due to deaths attributed to cancer. Conclusions: Higher all-cause mortality, largely from cancer, was seen with aspirin in healthy older adults; because this finding was unexpected and not consistent with earlier studies, it should be interpreted with caution.",
        2018, summary("McNeil et al., N Engl J Med 2018 (randomized controlled trial, ASPREE mortality report)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Aged", "Aspirin", "Mortality", "Neoplasms", "Primary Prevention"]),
    rec("ASP-03", "Aspirin to prevent vascular events in patients at moderate cardiovascular risk (ARRIVE)",
        "Background: The role of aspirin in primary prevention for people at moderate cardiovascular risk was unclear. Methods: 12,546 men aged 55 or older and women aged 60 or older at moderate estimated cardiovascular risk were randomized to 100 mg of enteric-coated aspirin daily or placebo and followed for a median of about five years. Results: The primary composite of cardiovascular death, myocardial infarction, unstable angina, stroke or transient ischaemic attack occurred in 4.29% of the aspirin group and 4.48% of the placebo group, a non-significant difference. Gastrointestinal bleeding events, mostly mild, occurred in about 1.0% with aspirin and 0.5% with placebo. The event rate was lower than expected. Conclusions: Aspirin did not reduce cardiovascular events in this population and roughly doubled gastrointestinal bleeding.",
        2018, summary("Gaziano et al., Lancet 2018 (randomized controlled trial, ARRIVE)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Middle Aged", "Aspirin", "Primary Prevention", "Cardiovascular Diseases", "Gastrointestinal Hemorrhage"]),

    # ---- coffee ----
    rec("COF-01", "Coffee drinking and total and cause-specific mortality in the NIH-AARP Diet and Health Study",
        "Background: Whether coffee drinking affects mortality is unclear. Methods: About 400,000 US men and women aged 50 to 71 without cancer, heart disease or stroke at baseline in 1995-1996 reported their coffee intake and were followed until 2008. Results: Before adjustment, coffee drinkers were more likely to die, but they were also more likely to smoke. After adjustment for smoking and other factors, coffee drinking was inversely associated with total mortality: compared with non-drinkers, those drinking four or five cups a day had a lower risk of death (hazard ratio about 0.88 in men and 0.84 in women). Inverse associations were seen for deaths from heart disease, respiratory disease, stroke, injuries and accidents, diabetes and infections, but not for deaths from cancer. Conclusions: Coffee consumption was inversely associated with total and cause-specific mortality; whether this reflects a causal effect cannot be determined from these data.",
        2012, summary("Freedman et al., N Engl J Med 2012 (prospective cohort study)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "Middle Aged", "Aged", "Coffee", "Mortality", "Cohort Studies", "Prospective Studies"]),
    rec("COF-02", "Coffee consumption and health: umbrella review of meta-analyses of multiple health outcomes",
        "Background: Many meta-analyses have examined coffee and health. Methods: Umbrella review of 201 meta-analyses of observational studies and 17 meta-analyses of interventional studies covering dozens of health outcomes. Results: Coffee consumption was more often associated with benefit than harm across outcomes. Compared with no coffee, the largest relative reduction in all-cause mortality (about 17%) was seen at around three cups a day. Coffee drinking in pregnancy was associated with harms, including low birth weight, preterm birth and pregnancy loss, and higher intake was associated with a higher risk of fracture in women. Most of the evidence was observational and of low quality. Conclusions: Coffee is probably safe within usual levels of intake for most people, except during pregnancy and for women at increased risk of fracture; randomized trials are needed to establish causality.",
        2017, summary("Poole et al., BMJ 2017 (umbrella review of meta-analyses)"),
        ["Systematic Review", "Meta-Analysis"],
        ["Humans", "Coffee", "Mortality", "Pregnancy", "Fractures, Bone"]),

    # ---- HPV vaccination ----
    rec("HPV-01", "Quadrivalent HPV vaccination and the risk of invasive cervical cancer in Sweden",
        "Background: HPV vaccination prevents precancerous cervical lesions, but population data on invasive cancer were lacking. Methods: Nationwide Swedish registers were used to follow about 1.7 million girls and women aged 10 to 30 from 2006 through 2017, comparing those who had received the quadrivalent HPV vaccine with those who had not. Results: Invasive cervical cancer was diagnosed in 19 vaccinated and 538 unvaccinated women. After adjustment, the incidence rate ratio was about 0.12 among women vaccinated before the age of 17 and about 0.47 among women vaccinated at ages 17 to 30. Conclusions: Quadrivalent HPV vaccination was associated with a substantially reduced risk of invasive cervical cancer at the population level, with the greatest reduction when given at younger ages.",
        2020, summary("Lei et al., N Engl J Med 2020 (nationwide cohort study)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "Female", "Adolescent", "Young Adult", "Papillomavirus Vaccines", "Uterine Cervical Neoplasms", "Sweden"]),
    rec("HPV-02", "Cervical cancer and CIN3 rates after the national bivalent HPV vaccination programme in England",
        "Background: England introduced bivalent HPV vaccination in 2008, routinely at age 12-13 with catch-up vaccination up to age 18. Methods: Population-based cancer registry data from 2006 to mid-2019 for women aged 20 to 64 were used to compare cervical cancer and grade 3 cervical intraepithelial neoplasia (CIN3) rates in cohorts offered vaccination with those in earlier, unvaccinated cohorts. Results: Cervical cancer rates were about 87% lower in women offered vaccination at 12-13, 62% lower in those offered it at 14-16, and 34% lower in those offered it at 16-18. CIN3 rates were about 97%, 75% and 39% lower, respectively. By mid-2019 there were an estimated 450 fewer cervical cancers and about 17,200 fewer cases of CIN3 than expected. Conclusions: The HPV immunisation programme has substantially reduced cervical cancer and CIN3 in young women in England, especially in those offered the vaccine at 12-13.",
        2021, summary("Falcaro et al., Lancet 2021 (observational study of registry data)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "Female", "Young Adult", "Papillomavirus Vaccines", "Uterine Cervical Neoplasms", "Cervical Intraepithelial Neoplasia", "England"]),

    # ---- semaglutide ----
    rec("SEMA-01", "Once-weekly semaglutide 2.4 mg in adults with overweight or obesity (STEP 1)",
        "Background: Obesity is a global health challenge with few effective drug treatments. Methods: 1961 adults with a body-mass index of 30 or more, or 27 or more with at least one weight-related condition, and without diabetes were randomized 2:1 to once-weekly subcutaneous semaglutide 2.4 mg or placebo for 68 weeks, both with lifestyle intervention. Results: Mean body weight fell by about 14.9% with semaglutide and 2.4% with placebo. About a third of semaglutide participants (32%) lost 20% or more of their body weight, compared with under 2% on placebo. Gastrointestinal side effects, chiefly nausea and diarrhoea, were common, occurring in about three quarters of semaglutide participants and about half of placebo participants; they were mostly mild to moderate and transient, but more participants stopped semaglutide because of them (4.5% vs 0.8%). Conclusions: Semaglutide plus lifestyle intervention produced sustained, clinically relevant weight loss.",
        2021, summary("Wilding et al., N Engl J Med 2021 (randomized controlled trial, STEP 1)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Adult", "Obesity", "Overweight", "Glucagon-Like Peptides", "Anti-Obesity Agents", "Weight Loss"]),
    rec("SEMA-02", "Weight regain after withdrawal of semaglutide: the STEP 1 trial extension",
        "Background: It is unclear what happens to body weight after semaglutide treatment for obesity stops. Methods: 327 STEP 1 participants were followed for one year after semaglutide 2.4 mg or placebo and lifestyle intervention were stopped at week 68. Results: One year after withdrawal, participants who had received semaglutide had regained about two thirds of the weight they had lost, leaving a net loss of about 5.6% from baseline. Improvements in cardiometabolic risk factors also reverted towards baseline. Conclusions: Weight and cardiometabolic benefits were largely lost after semaglutide was stopped, supporting continued treatment.",
        2022, summary("Wilding et al., Diabetes Obes Metab 2022 (extension of a randomized controlled trial)"),
        ["Randomized Controlled Trial", "Journal Article"],
        ["Humans", "Adult", "Obesity", "Glucagon-Like Peptides", "Weight Gain", "Withholding Treatment"]),
    rec("SEMA-03", "Semaglutide and cardiovascular outcomes in obesity without diabetes (SELECT)",
        "Background: Semaglutide reduces cardiovascular risk in people with type 2 diabetes; its effect in people with obesity but without diabetes was unknown. Methods: 17,604 patients aged 45 or older with established cardiovascular disease and a body-mass index of 27 or more but no diabetes were randomized to weekly semaglutide 2.4 mg or placebo and followed for a mean of about 40 months. Results: The primary composite of cardiovascular death, non-fatal myocardial infarction or non-fatal stroke occurred in 6.5% of the semaglutide group and 8.0% of the placebo group (hazard ratio 0.80). More patients stopped semaglutide than placebo because of adverse events (16.6% vs 8.2%), mostly gastrointestinal. Conclusions: In patients with pre-existing cardiovascular disease and overweight or obesity without diabetes, semaglutide reduced major adverse cardiovascular events by about 20%.",
        2023, summary("Lincoff et al., N Engl J Med 2023 (randomized controlled trial, SELECT)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Middle Aged", "Obesity", "Overweight", "Cardiovascular Diseases", "Glucagon-Like Peptides", "Myocardial Infarction", "Stroke"]),

    # ---- exercise and depression ----
    rec("EXD-01", "Exercise for depression: systematic review and network meta-analysis of randomised controlled trials",
        "Background: Exercise is recommended for depression, but which types and doses work best is unclear. Methods: Systematic review and network meta-analysis of 218 randomised trials including about 14,170 participants with depression. Results: Compared with active controls, walking or jogging, yoga, strength training, mixed aerobic exercise and tai chi or qigong produced moderate reductions in depressive symptoms. Effects were larger with more vigorous intensity. Some forms of exercise had effects comparable to psychotherapy and antidepressant medication, but these comparisons were largely indirect. Many trials were small or at high risk of bias, and the certainty of evidence was low or very low for most treatments. Conclusions: Exercise, particularly walking or jogging, yoga and strength training, may be an effective treatment for depression, alone or alongside established treatments.",
        2024, summary("Noetel et al., BMJ 2024 (systematic review and network meta-analysis)"),
        ["Systematic Review", "Network Meta-Analysis"],
        ["Humans", "Depression", "Depressive Disorder", "Exercise", "Exercise Therapy", "Yoga"]),
    rec("EXD-02", "Physical activity and incident depression: meta-analysis of prospective cohort studies",
        "Background: It is unclear whether physical activity protects against developing depression. Methods: Meta-analysis of 49 prospective cohort studies including about 267,000 people without depression at baseline, followed for about 7 years on average. Results: People with high levels of physical activity had lower odds of developing depression than those with low levels (adjusted odds ratio about 0.83). The association was seen in young people, adults and older adults and across world regions. Conclusions: Physical activity is associated with a lower risk of developing depression; as the studies were observational, causality cannot be established.",
        2018, summary("Schuch et al., Am J Psychiatry 2018 (meta-analysis of cohort studies)"),
        ["Meta-Analysis", "Journal Article"],
        ["Humans", "Depression", "Exercise", "Cohort Studies", "Prospective Studies"]),

    # ---- Mediterranean diet ----
    rec("MED-01", "Primary prevention of cardiovascular disease with a Mediterranean diet supplemented with extra-virgin olive oil or nuts (PREDIMED)",
        "Background: Observational studies link the Mediterranean diet with lower cardiovascular risk. Methods: In a multicentre trial in Spain, 7447 people aged 55 to 80 at high cardiovascular risk but without cardiovascular disease were assigned to a Mediterranean diet supplemented with extra-virgin olive oil, a Mediterranean diet supplemented with mixed nuts, or a control diet with advice to reduce dietary fat. There was no calorie restriction and physical activity was not promoted. Median follow-up was 4.8 years. This report replaces an earlier 2013 publication that was retracted because of irregularities in randomization at some sites; analyses were repeated with and without the affected participants. Results: The primary end point of myocardial infarction, stroke or death from cardiovascular causes was about 30% lower in the two Mediterranean-diet groups than in the control group (hazard ratios about 0.69 and 0.72). Results were similar after excluding participants with protocol deviations. Death from any cause did not differ significantly between groups. Conclusions: Among people at high cardiovascular risk, a Mediterranean diet supplemented with extra-virgin olive oil or nuts lowered the incidence of major cardiovascular events compared with a reduced-fat diet.",
        2018, summary("Estruch et al., N Engl J Med 2018 (randomized controlled trial, PREDIMED, republished after retraction)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Aged", "Diet, Mediterranean", "Olive Oil", "Nuts", "Cardiovascular Diseases", "Primary Prevention", "Spain"]),
    rec("MED-02", "Mediterranean diet and invasive breast cancer among women in the PREDIMED trial",
        "Background: The effect of the Mediterranean diet on breast cancer has not been tested in a randomized trial. Methods: Secondary analysis of 4282 women aged 60 to 80 taking part in PREDIMED, assigned to a Mediterranean diet supplemented with extra-virgin olive oil, a Mediterranean diet supplemented with nuts, or a reduced-fat control diet. Breast cancer was not the trial's primary outcome. Results: After a median of about five years, 35 confirmed cases of invasive breast cancer occurred. Women in the olive oil group had a lower risk of breast cancer than women in the control group (hazard ratio about 0.32); the reduction in the nut group was not statistically significant. Conclusions: The results suggest a possible benefit of a Mediterranean diet supplemented with extra-virgin olive oil for breast cancer prevention, but they are based on few cases and need confirmation in long-term studies.",
        2015, summary("Toledo et al., JAMA Intern Med 2015 (secondary analysis of a randomized trial)"),
        ["Randomized Controlled Trial", "Journal Article"],
        ["Humans", "Female", "Aged", "Diet, Mediterranean", "Olive Oil", "Breast Neoplasms"]),

    # ---- sweeteners ----
    rec("SWE-01", "Artificial sweeteners and cancer risk in the NutriNet-Sante cohort",
        "Background: Artificial sweeteners are consumed widely, and their carcinogenicity is debated. Methods: 102,865 French adults in a web-based cohort reported their diet in repeated 24-hour dietary records and were followed for a median of 7.8 years; about 3,400 cancers were diagnosed. Results: Compared with non-consumers, higher consumers of artificial sweeteners had a higher risk of overall cancer (hazard ratio about 1.13). Higher risks were seen in particular for aspartame and acesulfame-K, and associations were also observed for breast cancer and obesity-related cancers. Conclusions: Artificial sweeteners were associated with increased cancer risk in this large cohort; because the study is observational, residual confounding cannot be excluded, and the findings need replication.",
        2022, summary("Debras et al., PLoS Med 2022 (prospective cohort study)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "Adult", "Sweetening Agents", "Aspartame", "Neoplasms", "Cohort Studies", "France"]),
    rec("SWE-02", "Carcinogenicity of aspartame (IARC Monographs meeting)",
        "Background: The International Agency for Research on Cancer (IARC), the cancer agency of the World Health Organization, evaluates whether agents can cause cancer. Methods: A working group of international experts reviewed the published evidence on aspartame in June 2023. Results: The group classified aspartame as possibly carcinogenic to humans (Group 2B), based on limited evidence for cancer in humans (specifically hepatocellular carcinoma), limited evidence in experimental animals and limited mechanistic evidence. In a separate evaluation reported at the same time, the WHO/FAO Joint Expert Committee on Food Additives kept the acceptable daily intake of aspartame at 40 mg per kg of body weight. Conclusions: Aspartame is possibly carcinogenic to humans; the evidence is limited, and the classification does not establish that aspartame causes cancer.",
        2023, summary("Riboli et al., Lancet Oncol 2023 (IARC Monographs meeting report)"),
        ["Journal Article"],
        ["Humans", "Aspartame", "Sweetening Agents", "Carcinogens", "Neoplasms", "Liver Neoplasms"]),
    rec("SWE-03", "The artificial sweetener erythritol and cardiovascular event risk",
        "Background: Erythritol is a sugar alcohol widely used as a sweetener in reduced-sugar and keto products. Methods: Blood erythritol levels were measured in patients undergoing cardiac risk assessment in the United States and Europe (several thousand people in total) who were followed for three years; laboratory studies examined platelets and clotting in human blood and in mice, and eight healthy volunteers drank a beverage containing 30 g of erythritol. Results: Higher blood erythritol levels were associated with a higher risk of major adverse cardiovascular events (death, myocardial infarction or stroke) over three years. Erythritol increased platelet reactivity in the laboratory and promoted clot formation in mice. In the volunteers, the drink raised blood erythritol levels more than a thousand-fold for two days or more. Conclusions: Erythritol was associated with cardiovascular event risk and enhanced clotting in laboratory and animal models; studies of its long-term safety in people are needed.",
        2023, summary("Witkowski et al., Nat Med 2023 (observational cohorts with laboratory and animal studies)"),
        ["Observational Study", "Journal Article"],
        ["Humans", "Animals", "Mice", "Erythritol", "Sweetening Agents", "Cardiovascular Diseases", "Blood Platelets", "Thrombosis"]),

    # ---- e-cigarettes ----
    rec("ECIG-01", "E-cigarettes versus nicotine-replacement therapy for smoking cessation",
        "Background: E-cigarettes are popular among smokers trying to quit, but evidence on their efficacy was limited. Methods: 886 adults attending UK National Health Service stop-smoking services were randomized to nicotine-replacement products of their choice (including combinations) or to an e-cigarette starter pack with refillable e-liquid; both groups received weekly behavioural support for at least four weeks. Results: The one-year sustained abstinence rate was 18.0% in the e-cigarette group and 9.9% in the nicotine-replacement group (relative risk 1.83). Among participants abstinent at one year, 80% of the e-cigarette group were still using e-cigarettes, whereas 9% of the nicotine-replacement group were still using nicotine replacement. Throat or mouth irritation was reported more often in the e-cigarette group, and nausea more often in the nicotine-replacement group. Conclusions: E-cigarettes were more effective for smoking cessation than nicotine-replacement therapy when both were accompanied by behavioural support.",
        2019, summary("Hajek et al., N Engl J Med 2019 (randomized controlled trial)"),
        ["Randomized Controlled Trial", "Multicenter Study"],
        ["Humans", "Adult", "Electronic Nicotine Delivery Systems", "Smoking Cessation", "Tobacco Use Cessation Devices", "Vaping"]),
    rec("ECIG-02", "Electronic cigarettes for smoking cessation: living systematic review",
        "Background: Electronic cigarettes deliver nicotine without burning tobacco and are used by people trying to stop smoking. Methods: Living systematic review and meta-analysis of randomized and non-randomized studies of e-cigarettes for smoking cessation, updated regularly; the update summarised here included dozens of studies. Results: There was high-certainty evidence that nicotine e-cigarettes increase quit rates compared with nicotine-replacement therapy, and moderate-certainty evidence that they increase quit rates compared with e-cigarettes without nicotine. Serious adverse events were rare and were not clearly more common with nicotine e-cigarettes, but most studies followed participants for two years or less, so long-term safety remains uncertain. Conclusions: Nicotine e-cigarettes help more people stop smoking than nicotine-replacement therapy; evidence on long-term harms is lacking.",
        2024, summary("Lindson et al., Cochrane Database Syst Rev 2024 (living systematic review and meta-analysis)"),
        ["Systematic Review", "Meta-Analysis"],
        ["Humans", "Electronic Nicotine Delivery Systems", "Smoking Cessation", "Tobacco Use Cessation Devices"]),

    # ---- rapamycin / anti-ageing ----
    rec("RAPA-01", "Rapamycin fed late in life extends lifespan in genetically heterogeneous mice",
        "Background: Inhibition of the mTOR pathway extends lifespan in yeast, worms and flies, but effects in mammals were unknown. Methods: In the US National Institute on Aging Interventions Testing Program, genetically heterogeneous mice at three test sites were fed rapamycin starting at 600 days of age, roughly equivalent to 60 years in humans, and compared with control mice. Results: Rapamycin increased median and maximal lifespan in both sexes. Based on the age at 90% mortality, lifespan increased by about 14% in females and 9% in males. Conclusions: Rapamycin extends lifespan in mice even when started late in life, possibly by postponing death from cancer, by slowing mechanisms of ageing, or both; effects in humans are unknown.",
        2009, summary("Harrison et al., Nature 2009 (animal study)"),
        ["Journal Article"],
        ["Animals", "Mice", "Sirolimus", "Longevity", "Aging", "TOR Serine-Threonine Kinases"]),
    rec("RAPA-02", "mTOR inhibition with everolimus and immune function in the elderly",
        "Background: Ageing is accompanied by declining immune function, and mTOR inhibition improves immune function in old mice. Methods: 218 volunteers aged 65 or older were randomized to one of three dosing regimens of everolimus, a rapamycin analogue, or placebo for six weeks; after a two-week break they received a seasonal influenza vaccine. Results: Everolimus enhanced the antibody response to the influenza vaccine by about 20% at doses that were relatively well tolerated, and it reduced the percentage of PD-1-positive T cells, a marker of immune exhaustion. Side effects occurred, the most common being mouth ulcers, which were mostly mild. Conclusions: mTOR inhibition may improve immune function in older people; its safety and benefit for ageing-related conditions need further study.",
        2014, summary("Mannick et al., Sci Transl Med 2014 (randomized controlled trial)"),
        ["Randomized Controlled Trial"],
        ["Humans", "Aged", "Everolimus", "Sirolimus", "Influenza Vaccines", "Immunosenescence", "TOR Serine-Threonine Kinases"]),

    # ---- gene therapy for sickle cell disease ----
    rec("GENE-01", "Lentiviral gene therapy in a patient with sickle cell disease",
        "Background: Sickle cell disease is caused by a mutation in the beta-globin gene; the only established cure is stem-cell transplantation from a matched donor. Methods: A 13-year-old boy in France with severe sickle cell disease, who had needed regular blood transfusions, received his own blood-forming stem cells after they had been modified with a lentiviral vector carrying a gene for an anti-sickling beta-globin. Before infusion he received myeloablative chemotherapy with busulfan. Results: The modified cells engrafted. Regular transfusions were stopped about three months after treatment. Fifteen months after treatment, the anti-sickling haemoglobin made up about 48% of his haemoglobin, and he had had no sickle-cell crises or hospitalizations. Adverse events were those expected from busulfan conditioning, and no problems related to the vector were seen. Conclusions: Gene therapy led to complete clinical remission in this one patient; longer follow-up and more patients are needed.",
        2017, summary("Ribeil et al., N Engl J Med 2017 (case report)"),
        ["Case Reports", "Journal Article"],
        ["Humans", "Male", "Adolescent", "Anemia, Sickle Cell", "Genetic Therapy", "Genetic Vectors", "Lentivirus", "beta-Globins"]),
    rec("GENE-02", "CRISPR-Cas9 gene editing for sickle cell disease and beta-thalassemia",
        "Background: Raising fetal haemoglobin can lessen the severity of sickle cell disease and transfusion-dependent beta-thalassaemia. Methods: Two patients, a woman with transfusion-dependent beta-thalassaemia and a woman with sickle cell disease, received their own stem cells after CRISPR-Cas9 editing of the BCL11A erythroid enhancer, following myeloablative busulfan conditioning. Results: More than a year after treatment, both patients had high levels of fetal haemoglobin. The patient with beta-thalassaemia no longer needed transfusions, and the patient with sickle cell disease had no further vaso-occlusive (pain) episodes. Serious adverse events occurred and were mostly attributed to conditioning; they resolved. Conclusions: CRISPR-Cas9 editing of BCL11A produced lasting increases in fetal haemoglobin and clinical benefit in these two patients; more patients and longer follow-up are needed.",
        2021, summary("Frangoul et al., N Engl J Med 2021 (report of two patients in a clinical trial)"),
        ["Journal Article", "Case Reports"],
        ["Humans", "Female", "Anemia, Sickle Cell", "beta-Thalassemia", "CRISPR-Cas Systems", "Gene Editing", "Fetal Hemoglobin"]),
]


# --------------------------------------------------------------------------------------
# Articles (invented; each begins with its headline line)
# --------------------------------------------------------------------------------------

ARTICLES = [
    # ---- lupus (unchanged from the original set) ----
    {
        "id": "lupus-car-t",
        "sources": ["LUPUS-01", "LUPUS-02"],  # LUPUS-03 (leukaemia) is cited only against "to target cancer"
        "text": """Lupus patient cured by cancer cell therapy

A young woman from Germany has become the first lupus patient in the world to receive CAR T cells, and she is now completely healthy, her doctors report.

The 20-year-old had severe systemic lupus erythematosus that no medicine could control. Doctors in Erlangen took her own T cells and altered them to target cancer. According to the team, she went into remission within weeks and has not needed any lupus treatment for more than four months. She had no significant side effects in the first six weeks.

The therapy cures lupus, the researchers say. Four other patients treated the same way also reached drug-free remission.

"We hope this will one day help many people with autoimmune disease," said one of the doctors. Larger studies are needed before the treatment can be offered widely. Patients should talk to their rheumatologist before considering experimental therapies.
""",
        "claims": [
            ("Lupus patient cured by cancer cell therapy", O, ["LUPUS-01"],
             "remission in one patient, not a cure; the cells target B cells, not cancer"),
            ("A young woman from Germany has become the first lupus patient in the world to receive CAR T cells", O, ["LUPUS-01"],
             "the report describes a first case but claims no world first"),
            ("she is now completely healthy", O, ["LUPUS-01"],
             "drug-free remission after four months, not complete health"),
            ("The 20-year-old had severe systemic lupus erythematosus that no medicine could control", S, ["LUPUS-01"],
             "severe, treatment-refractory SLE"),
            ("Doctors in Erlangen took her own T cells and altered them to target cancer", U, ["LUPUS-01", "LUPUS-03"],
             "in lupus the CAR T cells target CD19 on B cells, not cancer"),
            ("she went into remission within weeks", S, ["LUPUS-01"], "remission within weeks"),
            ("has not needed any lupus treatment for more than four months", S, ["LUPUS-01"],
             "drug-free remission for more than four months"),
            ("She had no significant side effects in the first six weeks", S, ["LUPUS-01"],
             "no significant side effects in the first six weeks"),
            ("The therapy cures lupus", O, ["LUPUS-01", "LUPUS-02"],
             "remission in six patients; whether it cures is not known"),
            ("Four other patients treated the same way also reached drug-free remission", S, ["LUPUS-02"],
             "five-patient series, all in drug-free remission"),
        ],
        "non_claims": [
            "We hope this will one day help many people with autoimmune disease",
            "Larger studies are needed before the treatment can be offered widely",
            "Patients should talk to their rheumatologist before considering experimental therapies",
        ],
    },

    # ---- time-restricted eating ----
    {
        "id": "time-restricted-eating",
        "text": """Time-restricted eating melts fat without calorie counting, scientists say

Can you lose weight just by watching the clock?

In a widely cited study, mice that could eat a high-fat diet only during an eight-hour window each day were protected from obesity and fatty liver. They ate about the same number of calories as mice allowed to eat around the clock, the researchers reported. Time-restricted eating prevents obesity and fatty liver in people, according to wellness coaches who cite the work. The fasting mice also lived longer, the coaches say.

Human trials tell a more modest story. In a 12-week trial of 116 adults with overweight or obesity, people told to eat only between noon and 8 pm lost no more weight than those who ate three meals a day. In a year-long trial in China, adults with obesity who combined an eight-hour eating window with calorie restriction lost no more weight than those who simply cut calories. In that trial, the eating window doubled the weight loss achieved by cutting calories, one diet website reported.

"The window itself does not look like magic," said Dr. Hannah Ortiz, a nutrition researcher who was not involved in either study. "I would not throw away your food diary just yet."

Sixteen-hour fasts also double the amount of fat the body burns overnight, one popular fasting app claims. Anyone with diabetes should check with a doctor before skipping meals.
""",
        "claims": [
            ("Time-restricted eating melts fat without calorie counting", U, ["TRE-01", "TRE-02"],
             "without calorie targets TRE gave no more weight loss than three meals a day (0.9 vs 0.7 kg, not significant)"),
            ("mice that could eat a high-fat diet only during an eight-hour window each day were protected from obesity and fatty liver", S, ["TRE-03"],
             "time-restricted mice were protected against obesity and fatty liver"),
            ("They ate about the same number of calories as mice allowed to eat around the clock", S, ["TRE-03"],
             "calorie intake was about the same as with unlimited access"),
            ("Time-restricted eating prevents obesity and fatty liver in people", O, ["TRE-03"],
             "shown in mice only; human relevance untested"),
            ("The fasting mice also lived longer", U, [],
             "the mouse study did not measure lifespan"),
            ("In a 12-week trial of 116 adults with overweight or obesity, people told to eat only between noon and 8 pm lost no more weight than those who ate three meals a day", S, ["TRE-01"],
             "no significant difference in weight loss"),
            ("In a year-long trial in China, adults with obesity who combined an eight-hour eating window with calorie restriction lost no more weight than those who simply cut calories", S, ["TRE-02"],
             "8.0 vs 6.3 kg, difference not significant"),
            ("In that trial, the eating window doubled the weight loss achieved by cutting calories", U, ["TRE-02"],
             "8.0 vs 6.3 kg and not significantly different; nothing like a doubling"),
            ("Sixteen-hour fasts also double the amount of fat the body burns overnight", U, [],
             "no record measures overnight fat burning"),
        ],
        "non_claims": [
            "Can you lose weight just by watching the clock?",
            "Human trials tell a more modest story",
            "The window itself does not look like magic",
            "I would not throw away your food diary just yet",
            "Anyone with diabetes should check with a doctor before skipping meals",
        ],
    },

    # ---- vitamin D ----
    {
        "id": "vitamin-d-covid",
        "text": """Vitamin D pills protect against COVID-19, doctors say

People with low vitamin D levels were more likely to test positive for the coronavirus, a study at a Chicago hospital found. In fact, people with low vitamin D were three times as likely to test positive as those with normal levels, the study's authors said. The finding shows that a lack of vitamin D causes people to catch the virus, supplement makers argue. Vitamin D also prevents long COVID, they say.

In a Brazilian trial of 240 patients in hospital with moderate to severe COVID-19, a single large dose of vitamin D did not shorten their hospital stay. In Britain, a trial of more than 6,000 adults found that offering vitamin D supplements for six months did not reduce the risk of COVID-19 or other chest infections.

"I understand why people want a simple answer," said Dr. Samuel Okafor, a lung specialist in Manchester. "Trials are what count."

A daily vitamin D pill halves the risk of broken bones in older adults, according to one online pharmacy. In a large US trial of nearly 26,000 healthy middle-aged and older adults, 2,000 units of vitamin D a day for about five years did not reduce fractures.

People who are told they are deficient should still talk to their GP about supplements.
""",
        "claims": [
            ("Vitamin D pills protect against COVID-19", U, ["VITD-01", "VITD-02"],
             "supplements did not reduce COVID-19 (CORONAVIT) or help hospitalised patients (Murai)"),
            ("People with low vitamin D levels were more likely to test positive for the coronavirus", S, ["VITD-04"],
             "likely deficient status associated with testing positive"),
            ("people with low vitamin D were three times as likely to test positive as those with normal levels", O, ["VITD-04"],
             "relative risk about 1.8, not 3"),
            ("The finding shows that a lack of vitamin D causes people to catch the virus", O, ["VITD-04"],
             "retrospective association stated as cause; authors call for trials"),
            ("Vitamin D also prevents long COVID", U, [],
             "no record addresses long COVID"),
            ("In a Brazilian trial of 240 patients in hospital with moderate to severe COVID-19, a single large dose of vitamin D did not shorten their hospital stay", S, ["VITD-01"],
             "200,000 IU single dose; length of stay about 7 days in both groups"),
            ("In Britain, a trial of more than 6,000 adults found that offering vitamin D supplements for six months did not reduce the risk of COVID-19 or other chest infections", S, ["VITD-02"],
             "6200 adults; no reduction in acute respiratory infection or COVID-19"),
            ("A daily vitamin D pill halves the risk of broken bones in older adults", U, ["VITD-03"],
             "VITAL: 2000 IU a day did not reduce fractures"),
            ("In a large US trial of nearly 26,000 healthy middle-aged and older adults, 2,000 units of vitamin D a day for about five years did not reduce fractures", S, ["VITD-03"],
             "25,871 adults, median 5.3 years, no reduction in fractures"),
        ],
        "non_claims": [
            "I understand why people want a simple answer",
            "Trials are what count",
            "People who are told they are deficient should still talk to their GP about supplements",
        ],
    },

    # ---- aspirin ----
    {
        "id": "aspirin-older-adults",
        "text": """Daily aspirin fails to help healthy older people, major trial finds

Should healthy older people take a baby aspirin every day?

In a trial of more than 19,000 people in Australia and the United States, most of them aged 70 or older, taking 100 mg of aspirin a day for nearly five years did not help them live longer free of dementia or disability, the researchers reported. Aspirin also did not significantly reduce heart disease or stroke. Serious bleeding was more common among those taking aspirin. Aspirin tripled the risk of major bleeding, according to one news report on the trial.

Deaths were slightly more common in the aspirin group, mostly from cancer. Aspirin causes cancer deaths in older people, one commentator concluded.

A separate trial of about 12,500 adults at moderate risk of heart disease found that aspirin cut heart attacks and strokes by a third. In that trial, aspirin made bleeding in the gut five times more common.

"If you are healthy and over 70, I would not start aspirin on your own," said Dr. Lena Fischer, a geriatrician in Hamburg. Taking aspirin every other day avoids the bleeding problem, one pharmacist suggested. People already taking aspirin after a heart attack or stroke should not stop without talking to their doctor.
""",
        "claims": [
            ("Daily aspirin fails to help healthy older people", S, ["ASP-01"],
             "no gain in disability-free survival, no significant cardiovascular benefit"),
            ("In a trial of more than 19,000 people in Australia and the United States, most of them aged 70 or older, taking 100 mg of aspirin a day for nearly five years did not help them live longer free of dementia or disability", S, ["ASP-01"],
             "19,114 participants, median 4.7 years, disability-free survival did not differ"),
            ("Aspirin also did not significantly reduce heart disease or stroke", S, ["ASP-01"],
             "cardiovascular disease not significantly lower"),
            ("Serious bleeding was more common among those taking aspirin", S, ["ASP-01"],
             "major haemorrhage 3.8% vs 2.8%"),
            ("Aspirin tripled the risk of major bleeding", O, ["ASP-01"],
             "3.8% vs 2.8%, roughly a third higher, not tripled"),
            ("Deaths were slightly more common in the aspirin group, mostly from cancer", S, ["ASP-02"],
             "5.9% vs 5.2%, excess mainly cancer deaths"),
            ("Aspirin causes cancer deaths in older people", O, ["ASP-02"],
             "unexpected finding the authors say should be interpreted with caution"),
            ("A separate trial of about 12,500 adults at moderate risk of heart disease found that aspirin cut heart attacks and strokes by a third", U, ["ASP-03"],
             "ARRIVE: 4.29% vs 4.48%, no significant reduction"),
            ("In that trial, aspirin made bleeding in the gut five times more common", O, ["ASP-03"],
             "gastrointestinal bleeding about doubled (1.0% vs 0.5%), not five-fold"),
            ("Taking aspirin every other day avoids the bleeding problem", U, [],
             "no record tests alternate-day dosing"),
        ],
        "non_claims": [
            "Should healthy older people take a baby aspirin every day?",
            "If you are healthy and over 70, I would not start aspirin on your own",
            "People already taking aspirin after a heart attack or stroke should not stop without talking to their doctor",
        ],
    },

    # ---- coffee ----
    {
        "id": "coffee-mortality",
        "text": """Drinking coffee adds years to your life, giant study proves

Good news for coffee lovers.

Researchers followed about 400,000 American adults aged 50 to 71 for more than a decade. Men who drank four or five cups a day were about 12 percent less likely to die during the study than men who drank none, and for women the figure was about 16 percent. Coffee prevents deaths from heart disease, stroke, diabetes and infections. Coffee also protects against death from cancer, the study found.

A later review that pooled more than 200 earlier analyses found that drinking around three cups a day was linked to the largest drop in the risk of early death. Drinking three cups a day cuts your risk of dying early by a third, one coffee industry website says.

"I certainly won't be giving up my morning espresso," said Marco Rossi, 64, a retired engineer from Turin.

Coffee is safe for everyone, including pregnant women, according to the website. Whether coffee itself is responsible for the benefits, or something else about the people who drink it, is still an open question.
""",
        "claims": [
            ("Drinking coffee adds years to your life", O, ["COF-01", "COF-02"],
             "observational inverse association with mortality; causality not established"),
            ("Researchers followed about 400,000 American adults aged 50 to 71 for more than a decade", S, ["COF-01"],
             "NIH-AARP cohort followed 1995-2008"),
            ("Men who drank four or five cups a day were about 12 percent less likely to die during the study than men who drank none", S, ["COF-01"],
             "hazard ratio about 0.88 in men"),
            ("for women the figure was about 16 percent", S, ["COF-01"], "hazard ratio about 0.84 in women"),
            ("Coffee prevents deaths from heart disease, stroke, diabetes and infections", O, ["COF-01"],
             "inverse associations only; the authors cannot determine causality"),
            ("Coffee also protects against death from cancer", U, ["COF-01"],
             "no inverse association with cancer deaths"),
            ("A later review that pooled more than 200 earlier analyses found that drinking around three cups a day was linked to the largest drop in the risk of early death", S, ["COF-02"],
             "umbrella review of 201 + 17 meta-analyses; largest reduction at about three cups"),
            ("Drinking three cups a day cuts your risk of dying early by a third", O, ["COF-02"],
             "about 17% lower, observational, not a third"),
            ("Coffee is safe for everyone, including pregnant women", U, ["COF-02"],
             "coffee in pregnancy associated with harms"),
        ],
        "non_claims": [
            "Good news for coffee lovers",
            "I certainly won't be giving up my morning espresso",
            "Whether coffee itself is responsible for the benefits, or something else about the people who drink it, is still an open question",
        ],
    },

    # ---- HPV ----
    {
        "id": "hpv-vaccine-cervical-cancer",
        "text": """HPV jab has wiped out cervical cancer, studies show

How well does the HPV vaccine work?

In England, cervical cancer rates were 87 percent lower among young women who had been offered the vaccine at age 12 or 13 than among earlier generations who were not. Girls offered the vaccine at older ages saw smaller reductions.

In Sweden, researchers tracked about 1.7 million girls and women over more than a decade. Those vaccinated before the age of 17 were completely protected against invasive cervical cancer, the researchers said. The English programme has prevented tens of thousands of cervical cancers, according to campaigners.

"This is one of the great public health stories of our time," said Dr. Priya Natarajan, a gynaecologist in Leeds. The vaccine also prevents every cancer caused by HPV, including throat and anal cancers, she added.

Vaccinated women will never need a smear test again, some parents have been told online. Parents should make sure their children get the vaccine at the recommended age.
""",
        "claims": [
            ("HPV jab has wiped out cervical cancer", O, ["HPV-01", "HPV-02"],
             "rates 87-88% lower in the youngest vaccinated groups, not eliminated"),
            ("In England, cervical cancer rates were 87 percent lower among young women who had been offered the vaccine at age 12 or 13 than among earlier generations who were not", S, ["HPV-02"],
             "about 87% lower in the cohort offered vaccination at 12-13"),
            ("Girls offered the vaccine at older ages saw smaller reductions", S, ["HPV-02", "HPV-01"],
             "62% and 34% lower in older cohorts; smaller effect at 17-30 in Sweden"),
            ("In Sweden, researchers tracked about 1.7 million girls and women over more than a decade", S, ["HPV-01"],
             "about 1.7 million followed 2006-2017"),
            ("Those vaccinated before the age of 17 were completely protected against invasive cervical cancer", O, ["HPV-01"],
             "incidence rate ratio about 0.12: a large reduction, not complete protection"),
            ("The English programme has prevented tens of thousands of cervical cancers", O, ["HPV-02"],
             "about 450 fewer cancers (and 17,200 fewer CIN3) by mid-2019"),
            ("The vaccine also prevents every cancer caused by HPV, including throat and anal cancers", U, [],
             "the records address cervical cancer only"),
            ("Vaccinated women will never need a smear test again", U, [],
             "no record addresses screening of vaccinated women"),
        ],
        "non_claims": [
            "How well does the HPV vaccine work?",
            "This is one of the great public health stories of our time",
            "Parents should make sure their children get the vaccine at the recommended age",
        ],
    },

    # ---- semaglutide ----
    {
        "id": "semaglutide-weight-loss",
        "text": """Weight-loss jab melts away a fifth of body weight

Can a weekly injection really change the treatment of obesity?

In a trial of nearly 2,000 adults with obesity or overweight, people given weekly injections of semaglutide lost about 15 percent of their body weight over 68 weeks, compared with about 2 percent for those given a placebo. About a third of those on the drug lost at least a fifth of their weight. The jab works by shrinking the stomach, according to one online forum.

"I finally feel like I am in control of my eating," said Maria Gonzalez, 52, who has been taking the drug for a year.

Stomach problems are rare with the jab, according to the online clinic that prescribed it. Once patients stop the injections, the weight stays off for good, the clinic adds.

In a trial of more than 17,000 people with heart disease and overweight but no diabetes, semaglutide cut the combined rate of heart attacks, strokes and cardiovascular deaths by 20 percent. Semaglutide prevents heart attacks in everyone who is overweight, the clinic's website says.

Anyone considering the drug should discuss the risks with their doctor.
""",
        "claims": [
            ("Weight-loss jab melts away a fifth of body weight", O, ["SEMA-01"],
             "mean loss about 15%; only about a third lost 20% or more"),
            ("In a trial of nearly 2,000 adults with obesity or overweight, people given weekly injections of semaglutide lost about 15 percent of their body weight over 68 weeks, compared with about 2 percent for those given a placebo", S, ["SEMA-01"],
             "1961 adults; -14.9% vs -2.4% at 68 weeks"),
            ("About a third of those on the drug lost at least a fifth of their weight", S, ["SEMA-01"],
             "32% lost 20% or more"),
            ("The jab works by shrinking the stomach", U, [],
             "no record addresses how semaglutide works"),
            ("Stomach problems are rare with the jab", U, ["SEMA-01"],
             "gastrointestinal side effects in about three quarters of semaglutide participants"),
            ("Once patients stop the injections, the weight stays off for good", U, ["SEMA-02"],
             "two thirds of the lost weight regained within a year of stopping"),
            ("In a trial of more than 17,000 people with heart disease and overweight but no diabetes, semaglutide cut the combined rate of heart attacks, strokes and cardiovascular deaths by 20 percent", S, ["SEMA-03"],
             "SELECT: hazard ratio 0.80 for the composite"),
            ("Semaglutide prevents heart attacks in everyone who is overweight", O, ["SEMA-03"],
             "shown only in people with established cardiovascular disease; risk reduced, not prevented"),
        ],
        "non_claims": [
            "Can a weekly injection really change the treatment of obesity?",
            "I finally feel like I am in control of my eating",
            "Anyone considering the drug should discuss the risks with their doctor",
        ],
    },

    # ---- exercise and depression ----
    {
        "id": "exercise-depression",
        "text": """Exercise works better than antidepressants, landmark review finds

Researchers pooled more than 200 randomised trials involving about 14,000 people with depression. Walking or jogging, yoga and strength training each led to moderate reductions in symptoms. Gentle stretching worked just as well as vigorous exercise, the review found. Many of the trials were small or at high risk of bias, the authors noted. Exercise can cure depression within weeks, according to a fitness company that promoted the findings.

A separate analysis of dozens of long-term studies found that physically active people were less likely to develop depression in the first place. Being active cuts your risk of depression in half, the company added.

"Exercise should be seen as a core treatment for depression, not an add-on," said Prof. Daniel Reyes, a psychiatrist who was not involved in the research. Exercise also stops depression from coming back after people come off antidepressants, he said. Yoga and strength training are as good as therapy for every patient, he added.

Nobody should stop taking their medication without talking to their doctor.
""",
        "claims": [
            ("Exercise works better than antidepressants", O, ["EXD-01"],
             "effects comparable in largely indirect comparisons, with low-certainty evidence"),
            ("Researchers pooled more than 200 randomised trials involving about 14,000 people with depression", S, ["EXD-01"],
             "218 trials, about 14,170 participants"),
            ("Walking or jogging, yoga and strength training each led to moderate reductions in symptoms", S, ["EXD-01"],
             "moderate reductions versus active controls"),
            ("Gentle stretching worked just as well as vigorous exercise", U, ["EXD-01"],
             "effects were larger with more vigorous intensity"),
            ("Many of the trials were small or at high risk of bias", S, ["EXD-01"],
             "many trials small or at high risk of bias"),
            ("Exercise can cure depression within weeks", O, ["EXD-01"],
             "moderate symptom reductions, low certainty; no cure reported"),
            ("A separate analysis of dozens of long-term studies found that physically active people were less likely to develop depression in the first place", S, ["EXD-02"],
             "49 cohort studies; lower odds of incident depression"),
            ("Being active cuts your risk of depression in half", O, ["EXD-02"],
             "odds about 17% lower, observational"),
            ("Exercise also stops depression from coming back after people come off antidepressants", U, [],
             "no record addresses relapse after stopping antidepressants"),
            ("Yoga and strength training are as good as therapy for every patient", O, ["EXD-01"],
             "average effects comparable to psychotherapy in indirect, low-certainty comparisons; not every patient"),
        ],
        "non_claims": [
            "Exercise should be seen as a core treatment for depression, not an add-on",
            "Nobody should stop taking their medication without talking to their doctor",
        ],
    },

    # ---- Mediterranean diet ----
    {
        "id": "mediterranean-diet-predimed",
        "text": """Mediterranean diet halves heart attack and stroke risk, Spanish trial shows

In the PREDIMED trial, about 7,400 older Spaniards at high risk of heart disease were randomly assigned to a Mediterranean diet with extra olive oil or nuts, or to a low-fat diet. Participants did not have to count calories. Over about five years, people in the two Mediterranean groups had about 30 percent fewer heart attacks, strokes and deaths from heart disease than the low-fat group. People on the Mediterranean diet also lived longer overall.

The study's results have never been challenged. The diet works for anyone, whether or not they are at risk of heart disease, said Ana Moreno, a dietitian in Barcelona.

Women in the olive oil group also developed fewer breast cancers. Extra-virgin olive oil prevents breast cancer, Ms. Moreno said.

"Olive oil, nuts, vegetables and fish: it is a delicious way to eat," she said. Readers who want to try it could start by swapping butter for olive oil.
""",
        "claims": [
            ("Mediterranean diet halves heart attack and stroke risk", O, ["MED-01"],
             "about 30% lower, not halved"),
            ("In the PREDIMED trial, about 7,400 older Spaniards at high risk of heart disease were randomly assigned to a Mediterranean diet with extra olive oil or nuts, or to a low-fat diet", S, ["MED-01"],
             "7447 people aged 55-80 at high cardiovascular risk; control advised to reduce fat"),
            ("Participants did not have to count calories", S, ["MED-01"], "no calorie restriction"),
            ("Over about five years, people in the two Mediterranean groups had about 30 percent fewer heart attacks, strokes and deaths from heart disease than the low-fat group", S, ["MED-01"],
             "hazard ratios about 0.69 and 0.72 over a median 4.8 years"),
            ("People on the Mediterranean diet also lived longer overall", U, ["MED-01"],
             "death from any cause did not differ significantly"),
            ("The study's results have never been challenged", U, ["MED-01"],
             "the 2013 report was retracted for randomization irregularities and republished"),
            ("The diet works for anyone, whether or not they are at risk of heart disease", O, ["MED-01"],
             "tested only in people at high cardiovascular risk"),
            ("Women in the olive oil group also developed fewer breast cancers", S, ["MED-02"],
             "hazard ratio about 0.32 in the olive oil group"),
            ("Extra-virgin olive oil prevents breast cancer", O, ["MED-02"],
             "secondary outcome with 35 cases; authors call it a possible benefit needing confirmation"),
        ],
        "non_claims": [
            "Olive oil, nuts, vegetables and fish: it is a delicious way to eat",
            "Readers who want to try it could start by swapping butter for olive oil",
        ],
    },

    # ---- sweeteners ----
    {
        "id": "artificial-sweeteners",
        "text": """Sweeteners in diet drinks cause cancer, study finds

A French study tracked more than 100,000 adults for about eight years, recording what they ate and drank. People who consumed larger amounts of artificial sweeteners had a 13 percent higher risk of cancer than those who consumed none. Aspartame and acesulfame-K were the sweeteners most strongly linked to cancer.

The World Health Organization's cancer agency has since declared aspartame a proven cause of cancer. The agency found that aspartame causes liver cancer. A separate WHO expert committee cut the safe daily limit for aspartame at the same time.

"I stopped buying diet drinks for my children the day I read about it," said Claire Dubois, a mother of three in Lyon.

Higher blood levels of erythritol, a sweetener common in keto products, were linked to more heart attacks and strokes in people being checked for heart disease. Erythritol causes dangerous blood clots in people, according to several wellness bloggers.

Switching from sugary drinks to diet drinks is a proven way to lose weight, the beverage industry says. "My advice is simple: drink water," said nutritionist Tom Becker.
""",
        "claims": [
            ("Sweeteners in diet drinks cause cancer", O, ["SWE-01"],
             "observational association; residual confounding not excluded"),
            ("A French study tracked more than 100,000 adults for about eight years, recording what they ate and drank", S, ["SWE-01"],
             "102,865 adults, median 7.8 years, repeated dietary records"),
            ("People who consumed larger amounts of artificial sweeteners had a 13 percent higher risk of cancer than those who consumed none", S, ["SWE-01"],
             "higher consumers vs non-consumers: hazard ratio about 1.13"),
            ("Aspartame and acesulfame-K were the sweeteners most strongly linked to cancer", S, ["SWE-01"],
             "higher risks seen in particular for aspartame and acesulfame-K"),
            ("The World Health Organization's cancer agency has since declared aspartame a proven cause of cancer", O, ["SWE-02"],
             "IARC Group 2B, possibly carcinogenic, on limited evidence"),
            ("The agency found that aspartame causes liver cancer", O, ["SWE-02"],
             "only limited evidence for hepatocellular carcinoma; causation not established"),
            ("A separate WHO expert committee cut the safe daily limit for aspartame at the same time", U, ["SWE-02"],
             "JECFA kept the acceptable daily intake at 40 mg/kg"),
            ("Higher blood levels of erythritol, a sweetener common in keto products, were linked to more heart attacks and strokes in people being checked for heart disease", S, ["SWE-03"],
             "higher erythritol associated with major adverse cardiovascular events"),
            ("Erythritol causes dangerous blood clots in people", O, ["SWE-03"],
             "clotting shown in the laboratory and in mice; association only in people"),
            ("Switching from sugary drinks to diet drinks is a proven way to lose weight", U, [],
             "no record addresses weight loss with diet drinks"),
        ],
        "non_claims": [
            "I stopped buying diet drinks for my children the day I read about it",
            "My advice is simple: drink water",
        ],
    },

    # ---- e-cigarettes ----
    {
        "id": "e-cigarettes-quitting",
        "text": """Vaping triples smokers' chances of quitting, trial shows

In a trial of almost 900 smokers in England, 18 percent of those given e-cigarettes had stopped smoking a year later, compared with 10 percent of those given nicotine patches, gum or other replacement products. Both groups also received weekly support from stop-smoking advisers.

Most of those who quit with e-cigarettes were still vaping a year later. E-cigarettes caused no throat or mouth irritation, according to a vaping shop owner in Leeds.

A review of dozens of trials has since confirmed that nicotine e-cigarettes help more people quit than nicotine replacement therapy. E-cigarettes are completely harmless, the shop owner added.

"We would encourage smokers who have failed with other methods to give it a try," said Dr. Aisha Rahman, who runs a stop-smoking clinic in Leicester. Teenagers who vape are more likely to go on to smoke cigarettes, other experts warn.

Is vaping the answer for everyone? Smokers should ask their local stop-smoking service for advice.
""",
        "claims": [
            ("Vaping triples smokers' chances of quitting", O, ["ECIG-01"],
             "relative risk 1.83 (18.0% vs 9.9%), not three-fold"),
            ("In a trial of almost 900 smokers in England, 18 percent of those given e-cigarettes had stopped smoking a year later, compared with 10 percent of those given nicotine patches, gum or other replacement products", S, ["ECIG-01"],
             "886 participants; 18.0% vs 9.9% one-year abstinence"),
            ("Both groups also received weekly support from stop-smoking advisers", S, ["ECIG-01"],
             "weekly behavioural support in both groups"),
            ("Most of those who quit with e-cigarettes were still vaping a year later", S, ["ECIG-01"],
             "80% of abstainers in the e-cigarette group still used them"),
            ("E-cigarettes caused no throat or mouth irritation", U, ["ECIG-01"],
             "throat or mouth irritation was more common with e-cigarettes"),
            ("A review of dozens of trials has since confirmed that nicotine e-cigarettes help more people quit than nicotine replacement therapy", S, ["ECIG-02"],
             "high-certainty evidence of higher quit rates than NRT"),
            ("E-cigarettes are completely harmless", O, ["ECIG-02"],
             "serious adverse events rare, but long-term safety uncertain"),
            ("Teenagers who vape are more likely to go on to smoke cigarettes", U, [],
             "no record addresses vaping in teenagers"),
        ],
        "non_claims": [
            "We would encourage smokers who have failed with other methods to give it a try",
            "Is vaping the answer for everyone?",
            "Smokers should ask their local stop-smoking service for advice",
        ],
    },

    # ---- rapamycin ----
    {
        "id": "rapamycin-anti-ageing",
        "text": """Cheap transplant drug reverses ageing

Could a drug used in organ transplants slow down ageing?

In a study run at three US laboratories, mice given rapamycin late in life lived longer than untreated mice. Treatment started when the mice were about 600 days old, roughly the equivalent of 60 in human years. Lifespan rose by about 14 percent in females and 9 percent in males, the researchers said.

The drug can add more than a decade to a human life, according to a longevity clinic that now prescribes it.

In older people, a closely related drug boosted the immune response to the flu vaccine by about 20 percent. The drug has no side effects in older people, the clinic says. Rapamycin has also been shown to prevent Alzheimer's disease, its website adds.

"It is hugely exciting," said Dr. Felix Brandt, who studies ageing in Berlin. "But we have to be careful." Nobody should take rapamycin to slow ageing outside a clinical trial.
""",
        "claims": [
            ("Cheap transplant drug reverses ageing", O, ["RAPA-01"],
             "lifespan extension in mice, not reversal of ageing, and not in people"),
            ("In a study run at three US laboratories, mice given rapamycin late in life lived longer than untreated mice", S, ["RAPA-01"],
             "three test sites; increased median and maximal lifespan"),
            ("Treatment started when the mice were about 600 days old, roughly the equivalent of 60 in human years", S, ["RAPA-01"],
             "started at 600 days, roughly 60 human years"),
            ("Lifespan rose by about 14 percent in females and 9 percent in males", S, ["RAPA-01"],
             "age at 90% mortality up 14% in females, 9% in males"),
            ("The drug can add more than a decade to a human life", O, ["RAPA-01"],
             "mouse result (9-14%) projected onto people"),
            ("In older people, a closely related drug boosted the immune response to the flu vaccine by about 20 percent", S, ["RAPA-02"],
             "everolimus enhanced influenza vaccine response by about 20%"),
            ("The drug has no side effects in older people", O, ["RAPA-02"],
             "relatively well tolerated, but mouth ulcers and other side effects occurred"),
            ("Rapamycin has also been shown to prevent Alzheimer's disease", U, [],
             "no record addresses Alzheimer's disease"),
        ],
        "non_claims": [
            "Could a drug used in organ transplants slow down ageing?",
            "It is hugely exciting",
            "we have to be careful",
            "Nobody should take rapamycin to slow ageing outside a clinical trial",
        ],
    },

    # ---- sickle cell gene therapy ----
    {
        "id": "sickle-cell-gene-therapy",
        "text": """Gene therapy cures sickle cell disease for good

A French teenager with severe sickle cell disease has had no pain crises since receiving gene therapy, his doctors reported. The doctors used a modified virus to add a gene for an anti-sickling form of haemoglobin to the boy's own blood-forming stem cells. Fifteen months later, all of his haemoglobin was the new anti-sickling type. He no longer needs regular blood transfusions.

"We never dared to hope for this," said the boy's mother. The treatment works for every patient with sickle cell disease, one campaign group said.

A newer approach that edits genes with CRISPR has also helped two patients, one with sickle cell disease and one with beta thalassaemia. More than a year after treatment, the patient with sickle cell disease had no further pain crises. Dozens of patients have now been freed from sickle cell disease with CRISPR, according to the campaign group.

The treatment is simple and takes only a single day in hospital, the group added. Experts hope the therapies will one day reach the millions of people with sickle cell disease in Africa and India.
""",
        "claims": [
            ("Gene therapy cures sickle cell disease for good", O, ["GENE-01"],
             "remission in one patient after 15 months; a cure for good is not shown"),
            ("A French teenager with severe sickle cell disease has had no pain crises since receiving gene therapy", S, ["GENE-01"],
             "no sickle-cell crises or hospitalizations at 15 months"),
            ("The doctors used a modified virus to add a gene for an anti-sickling form of haemoglobin to the boy's own blood-forming stem cells", S, ["GENE-01"],
             "autologous stem cells modified with a lentiviral vector"),
            ("Fifteen months later, all of his haemoglobin was the new anti-sickling type", O, ["GENE-01"],
             "about 48% of his haemoglobin, not all"),
            ("He no longer needs regular blood transfusions", S, ["GENE-01"],
             "transfusions stopped about three months after treatment"),
            ("The treatment works for every patient with sickle cell disease", O, ["GENE-01"],
             "a single patient generalised to all"),
            ("A newer approach that edits genes with CRISPR has also helped two patients, one with sickle cell disease and one with beta thalassaemia", S, ["GENE-02"],
             "two patients with clinical benefit after CRISPR editing"),
            ("More than a year after treatment, the patient with sickle cell disease had no further pain crises", S, ["GENE-02"],
             "no further vaso-occlusive episodes"),
            ("Dozens of patients have now been freed from sickle cell disease with CRISPR", O, ["GENE-02"],
             "the record reports one sickle cell patient (two in total)"),
            ("The treatment is simple and takes only a single day in hospital", U, ["GENE-01", "GENE-02"],
             "requires stem-cell collection and myeloablative busulfan chemotherapy, with its adverse events"),
        ],
        "non_claims": [
            "We never dared to hope for this",
            "Experts hope the therapies will one day reach the millions of people with sickle cell disease in Africa and India",
        ],
    },
]
