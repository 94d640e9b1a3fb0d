namespace EventReview.Deduplication;

/// <summary>How a duplicate was found: by the automatic matcher's keys, or by a lead's judgement.</summary>
public enum DuplicateMethod { Doi, Pmid, Fuzzy, Manual }
