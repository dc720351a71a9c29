// Package taxonomy holds the two-level classifications that occupations
// are counted in: groups, and occupations that each belong to one group.
//
// [SOC] is the built-in one: the 23 SOC 2018 major groups and the 1,016
// O*NET-SOC 2019 occupations, with [Workforce], US employment per major
// group from BLS OEWS May 2023, as the reference of the real workforce.
// [FromLabels] builds one from a dataset's own labels (OccuQuest's
// categories and occupations). A [Level] names one of the two levels.
package taxonomy

//go:generate python3 gen_taxonomy.py ../../shared/data ../../shared/gold
