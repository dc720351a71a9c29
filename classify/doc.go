// Package classify labels instructions with the occupation they serve.
//
// A [Taxonomy] has two levels: groups (the 23 SOC 2018 major groups, or
// OccuQuest's 26 categories) and occupations (the 1,016 O*NET-SOC 2019
// occupations, or OccuQuest's 1,013). A [Model] scores a text at both
// levels with two sparse linear softmax heads over hashed word unigram and
// bigram TF-IDF features; [Train] fits one from labelled examples (gold
// JSONL, O*NET files, or any dataset with label fields), and [Default]
// returns the model embedded in the library, trained by
//
//	go run ./cmd/occubias train --default ../shared -o classify/model/default.occubias
//
// [Evaluate] measures a model on gold labels: accuracy, macro-F1, top-3
// accuracy, per-class precision and recall, the confusion matrix and the
// expected calibration error, at both levels.
package classify
