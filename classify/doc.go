// Package classify labels instructions with the occupation they serve.
//
// A [Model] scores a text at both levels of its [taxonomy.Taxonomy]:
// groups (the 23 SOC 2018 major groups, or OccuQuest's 26 categories) and
// occupations (the 1,016 O*NET-SOC 2019 occupations, or OccuQuest's
// 1,013), with two sparse linear softmax heads over hashed word unigram
// and bigram TF-IDF features. [Model.Predict] answers for one text and
// [Model.ClassifyStream] for a whole dataset on all cores, in input order.
//
// [Default] returns the model embedded in the library; [Load] and
// [Decode] read a model file, which package train writes. The default
// model is trained by
//
//	go run ./cmd/occubias train --default ../shared -o classify/model/default.occubias
//
// and package eval measures any model on gold labels.
package classify
