using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using NpgsqlTypes;

namespace EventReview.Records;

public static class RecordsSetup
{
    public static StoreOptions ConfigureRecords(this StoreOptions store)
    {
        // Inline, so a rule is always checked against the record as committed, and lists never lag.
        store.Projections.Add(new RecordProjection(), ProjectionLifecycle.Inline);
        store.Schema.For<Hosting.IdempotentResponse>().Index(r => r.Key);
        return store;
    }

    /// <summary>
    /// The record document's columns and indexes (Marten calls this through <see cref="RecordState.ConfigureMarten"/>).
    /// Every vote rewrites the row, and every index is written with it, so there are three, each shaped for the reads
    /// that use it: lists in import order; by status in import order, carrying the columns that queues, PRISMA and
    /// agreement tallies read, so those are answered from the index alone once autovacuum has marked the pages
    /// visible; an upload's idempotency check by import key.
    /// </summary>
    public static void MapStorage(DocumentMapping mapping)
    {
        foreach (var (member, column, _, _) in Columns)
            if (mapping.DuplicateField(member).ColumnName != column)
                throw new InvalidOperationException($"Marten names the column of {member} '{mapping.DuplicateField(member).ColumnName}', not '{column}'.");
        mapping.AddIndex("review_id", "import_order");
        mapping.AddIndex("review_id", "status", "import_order").IncludeColumns =
            ["search_id", "title_abstract_pattern", "full_text_pattern", "title_abstract_voters", "full_text_voters",
            "title_abstract_vote_count", "full_text_vote_count"];
        mapping.AddIndex("search_id", "import_key");
    }

    /// <summary>The record document's duplicated columns, with how each is read from the state (the bulk import writes them too).</summary>
    public static readonly IReadOnlyList<(string Member, string Column, Func<RecordState, object> Value, NpgsqlDbType Type)> Columns =
    [
        (nameof(RecordState.ReviewId), "review_id", r => r.ReviewId, NpgsqlDbType.Uuid),
        (nameof(RecordState.Status), "status", r => r.Status, NpgsqlDbType.Varchar),
        (nameof(RecordState.ImportOrder), "import_order", r => r.ImportOrder, NpgsqlDbType.Varchar),
        (nameof(RecordState.SearchId), "search_id", r => r.SearchId, NpgsqlDbType.Uuid),
        (nameof(RecordState.ImportKey), "import_key", r => r.ImportKey, NpgsqlDbType.Varchar),
        (nameof(RecordState.TitleAbstractPattern), "title_abstract_pattern", r => r.TitleAbstractPattern, NpgsqlDbType.Varchar),
        (nameof(RecordState.FullTextPattern), "full_text_pattern", r => r.FullTextPattern, NpgsqlDbType.Varchar),
        (nameof(RecordState.TitleAbstractVoters), "title_abstract_voters", r => r.TitleAbstractVoters, NpgsqlDbType.Varchar),
        (nameof(RecordState.FullTextVoters), "full_text_voters", r => r.FullTextVoters, NpgsqlDbType.Varchar),
        (nameof(RecordState.TitleAbstractVoteCount), "title_abstract_vote_count", r => r.TitleAbstractVoteCount, NpgsqlDbType.Integer),
        (nameof(RecordState.FullTextVoteCount), "full_text_vote_count", r => r.FullTextVoteCount, NpgsqlDbType.Integer),
    ];
}
