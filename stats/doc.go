// Package stats measures how a dataset's examples spread over the
// categories of a taxonomy.
//
// Every function takes the full count vector of a taxonomy, zeros included,
// so that the number of categories K = len(counts) is explicit: a dataset
// that never touches 900 of 1,016 occupations has 900 zeros. Counts may be
// weights (any non-negative finite values). Logarithms are natural (nats)
// unless a name says Bits. Bad input — an empty vector, a negative, NaN or
// infinite count, an all-zero vector, vectors of different lengths — gives
// an error, never a panic or a NaN.
//
// Conventions that libraries disagree on are pinned and named:
//   - JSDivergence is the Jensen–Shannon divergence in nats (at most ln 2);
//     JSDistance is its square root, which is what scipy.spatial.distance.
//     jensenshannon returns (gonum's stat.JensenShannon is the divergence).
//   - Gini is the Lorenz-area definition of R's ineq::Gini(x), and
//     GiniCorrected its ineq::Gini(x, corr = TRUE) variant, n/(n-1) times
//     larger.
//   - NormalizedEntropy divides by ln K, the taxonomy size; Pielou divides
//     by ln S, the number of categories observed.
package stats
