namespace EventReview.Records.Parsing;

/// <summary>One item of a parse: either a record or an error; parsing continues after an error.</summary>
public abstract record ParseResult;

public sealed record ParsedRecord(BibRecord Record) : ParseResult;

/// <summary>A malformed record or line; <paramref name="Line"/> is 1-based.</summary>
public sealed record ParseError(int Line, string Message) : ParseResult;
