"""Trains and measures the peers of the occubias classifier on the same data.

    python3 peers.py WORKDIR SHARED

WORKDIR holds train.jsonl (exported by `occubias train --export`); SHARED is
the shared directory. Prints one JSON object per peer with dev accuracies,
train time, predict throughput (texts.txt) and model size; peak RSS is
measured by the caller with /usr/bin/time around each phase.
"""
import json
import os
import subprocess
import sys
import time

work, shared = sys.argv[1], sys.argv[2]
peer = sys.argv[3]


def gold(name):
    rows = [json.loads(l) for l in open(os.path.join(shared, "gold", name))]
    return [r for r in rows if r["major"] != "none"]


def clean(t):
    return " ".join(t.split())


train = [json.loads(l) for l in open(os.path.join(work, "train.jsonl"))]
devs = {"dev": gold("dev.jsonl"), "dev_generated": gold("dev_generated.jsonl")}
texts = [l.rstrip("\n") for l in open(os.path.join(work, "texts.txt"))]


def score(pred_codes, pred_majors, rows):
    n = len(rows)
    return {
        "group": sum(p == r["major"] for p, r in zip(pred_majors, rows)) / n,
        "occupation": sum(p == r["code"] for p, r in zip(pred_codes, rows)) / n,
    }


out = {"peer": peer}
if peer == "fasttext":
    occ_rows = [r for r in train if r.get("occupation")]
    with open(os.path.join(work, "ft_train.txt"), "w") as f:
        for r in occ_rows:
            f.write("__label__%s %s\n" % (r["occupation"], clean(r["text"])))
    model = os.path.join(work, "ft")
    t0 = time.time()
    subprocess.run(["fasttext", "supervised", "-input", f.name, "-output", model, "-epoch", "25",
                    "-wordNgrams", "2", "-lr", "0.5", "-thread", str(os.cpu_count()), "-verbose", "0"], check=True)
    out["train_seconds"] = time.time() - t0
    subprocess.run(["fasttext", "quantize", "-input", f.name, "-output", model, "-qnorm", "-retrain",
                    "-cutoff", "100000", "-thread", str(os.cpu_count()), "-verbose", "0"], check=True)
    out["model_bytes"] = os.path.getsize(model + ".ftz")
    out["model_bytes_unquantized"] = os.path.getsize(model + ".bin")
    for name, rows in devs.items():
        p = os.path.join(work, name + ".txt")
        with open(p, "w") as f:
            for r in rows:
                f.write(clean(r["text"]) + "\n")
        res = subprocess.run(["fasttext", "predict", model + ".bin", p], capture_output=True, text=True, check=True)
        codes = [l.strip().replace("__label__", "") for l in res.stdout.splitlines()]
        out[name] = score(codes, [c[:2] for c in codes], rows)
    runs = []  # the median of three runs, as for occubias
    for _ in range(3):
        t0 = time.time()
        subprocess.run(["fasttext", "predict", model + ".ftz", os.path.join(work, "texts.txt")],
                       stdout=subprocess.DEVNULL, check=True)
        runs.append(time.time() - t0)
    out["predict_seconds"] = sorted(runs)[1]
    out["predict_runs"] = runs
elif peer == "sklearn":
    import pickle
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC
    t0 = time.time()
    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    X = vec.fit_transform([r["text"] for r in train])
    w = [r["weight"] for r in train]
    major = LinearSVC(C=0.5).fit(X, [r["group"] for r in train], sample_weight=w)
    occ_idx = [i for i, r in enumerate(train) if r.get("occupation")]
    occ = LinearSVC(C=0.5).fit(X[occ_idx], [train[i]["occupation"] for i in occ_idx], sample_weight=[w[i] for i in occ_idx])
    out["train_seconds"] = time.time() - t0
    p = os.path.join(work, "sk.pkl")
    pickle.dump((vec, major, occ), open(p, "wb"))
    out["model_bytes"] = os.path.getsize(p)
    for name, rows in devs.items():
        Xd = vec.transform([r["text"] for r in rows])
        out[name] = score(list(occ.predict(Xd)), list(major.predict(Xd)), rows)
    t0 = time.time()
    Xt = vec.transform(texts)
    major.predict(Xt)
    occ.predict(Xt)
    out["predict_seconds"] = time.time() - t0
out["predict_texts"] = len(texts)
print(json.dumps(out))
