"""Writes the facts the taxonomy package embeds into data/: SOC 2018 major
groups, the O*NET-SOC 2019 occupations (code and title only), and BLS OEWS
May 2023 national employment per major group and per detailed and broad
occupation, and the Workable job category of every occupation (OccuQuest's
26, from gold/onet_workable.tsv: facts, code to category). Run by `go generate
./taxonomy` from the shared data beside the repository:

    python3 gen_taxonomy.py ../../shared/data ../../shared/gold
"""
import csv
import sys

data = sys.argv[1] if len(sys.argv) > 1 else "../../shared/data"
out = "data/"

majors = {}
employment = {}
with open(f"{data}/bls_oews/national_M2023_dl.csv", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        if row["O_GROUP"] == "major":
            code = row["OCC_CODE"][:2]
            majors[code] = row["OCC_TITLE"].removesuffix(" Occupations")
            employment[code] = int(row["TOT_EMP"].replace(",", ""))
majors["55"] = "Military Specific"  # not covered by OEWS

with open(out + "soc_major_groups.tsv", "w") as f:
    f.write("code\ttitle\n")
    for code in sorted(majors):
        f.write(f"{code}\t{majors[code]}\n")

with open(out + "bls_oews_2023_major_employment.tsv", "w") as f:
    f.write("code\temployment\n")
    for code in sorted(employment):
        f.write(f"{code}\t{employment[code]}\n")

with open(f"{data}/onet/occupation_data.csv", encoding="utf-8-sig") as f, open(out + "onet_soc_2019_occupations.tsv", "w") as o:
    o.write("code\ttitle\n")
    for row in csv.DictReader(f):
        o.write(f"{row['O*NET-SOC Code']}\t{row['Title']}\n")

# US employment per detailed SOC code (OEWS "detailed" rows), and per broad
# code for the O*NET occupations OEWS publishes only at the broad level.
with open(f"{data}/bls_oews/national_M2023_dl.csv", encoding="utf-8-sig") as f, open(out + "bls_oews_2023_detailed_employment.tsv", "w") as o:
    o.write("code\temployment\tlevel\n")
    for row in csv.DictReader(f):
        if row["O_GROUP"] in ("detailed", "broad") and row["TOT_EMP"].replace(",", "").isdigit():
            o.write(f"{row['OCC_CODE']}\t{int(row['TOT_EMP'].replace(',', ''))}\t{row['O_GROUP']}\n")

# The Workable job category of each O*NET-SOC occupation (OccuQuest's 26
# categories), in the order Workable lists them.
categories = ["Accounting", "Finance", "Administrative", "IT and Development", "Arts and Design",
              "Customer service", "Education", "Corporate training", "Engineering", "Construction",
              "Production", "Healthcare Services", "Pharmaceuticals", "Hospitality", "Travel",
              "Human Resources", "Law enforcement&Security", "Legal", "Logistics", "Facilities",
              "Marketing", "Public Relations", "Media and Communication", "Real Estate", "Sales", "Retail"]
gold = sys.argv[2] if len(sys.argv) > 2 else data + "/../gold"
with open(out + "workable_categories.tsv", "w") as o:
    o.write("category\n")
    for c in categories:
        o.write(c + "\n")
with open(f"{gold}/onet_workable.tsv", encoding="utf-8") as f, open(out + "onet_workable.tsv", "w") as o:
    o.write("code\tcategory\n")
    for row in csv.DictReader(f, delimiter="\t"):
        assert row["category"] in categories, row
        o.write(f"{row['code']}\t{row['category']}\n")
