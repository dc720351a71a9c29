"""Writes the facts the taxonomy package embeds into data/: SOC 2018 major
groups, the O*NET-SOC 2019 occupations (code and title only), and BLS OEWS
May 2023 national employment per major group. Run by `go generate
./taxonomy` from the shared data beside the repository:

    python3 gen_taxonomy.py ../../shared/data
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
