// Package data turns CSV files into the matrices that mlkit's models learn from, and splits
// them for honest evaluation.
//
// The parts fit together in the order a learner meets them:
//
//  1. ReadCSV reads a CSV file with a header row into a Table: named columns, each Numeric
//     (float64) or Text, with missing cells (an empty cell or "NA" by default) recorded in a
//     mask rather than replaced by 0 or NaN. A malformed file gives a *ParseError carrying the
//     line and column.
//  2. A Table is cleaned with DropMissing, or with an Imputer fitted on one table (the training
//     rows) and applied to another (the test rows), so that no statistic leaks from the test
//     set into training.
//  3. Table.Dataset selects the target column and the feature columns and builds a Dataset: a
//     feature matrix X (*mat.Dense, one row per sample), a target Y, and names. A text target is
//     encoded to class indices 0..K−1 by a LabelEncoder, in sorted order as scikit-learn does.
//  4. TrainTestSplit, StratifiedTrainTestSplit, KFold and StratifiedKFold return indices, never
//     copies; Take, TakeRows, Table.Rows and Dataset.Subset gather the rows they name.
//  5. CrossDuplicates, TimeTrainTestSplit and TrainAfterTest find and avoid leaks across a
//     split: test rows repeated in training, and training rows later than the test rows.
//  6. Fingerprint names a labelled dataset by the SHA-256 of its shape, bits and labels, so that
//     an experiment's log records exactly which data a run saw.
//
// Splitting follows scikit-learn 1.2's rules exactly (test size ⌈fraction·n⌉, k-fold sizes,
// stratified allocation), so that results can be compared with it; the random streams differ,
// because mlkit shuffles with math/rand/v2's PCG seeded by the caller. The same seed always gives
// the same split.
package data
