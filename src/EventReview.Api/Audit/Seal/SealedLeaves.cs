using EventReview.Hosting;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EventReview.Audit;

/// <summary>
/// The Merkle tree's leaves, one row per sealed event: its place in the tree, its sequence number and its event hash.
/// A plain table rather than documents: a row is 56 bytes, found by sequence for a review's check or a proof. The
/// sealer appends in sequence order, so leaf order is sequence order and the one index, on the sequence, serves both
/// (each index is written with every sealed event; `verify` checks the leaves run 0, 1, 2... in that order).
/// Leaf hash (RFC 9162): SHA-256(0x00 || sequence as 8 bytes big-endian || event hash), so moving an event to another
/// sequence number changes its leaf.
/// </summary>
public static class SealedLeaves
{
    public const string Table = EventStoreSetup.Schema + ".sealed_leaves";

    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(EventStoreSetup.Schema, "sealed_leaves", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("seq_id").AsPrimaryKey();
        table.AddColumn<long>("leaf").NotNull();
        table.AddColumn("hash", "bytea").NotNull();
        return table;
    }

    /// <summary>The bytes a leaf hashes: the sequence number, big-endian, then the 32-byte event hash.</summary>
    public static byte[] Entry(long sequence, ReadOnlySpan<byte> eventHash)
    {
        var entry = new byte[40];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(entry, sequence);
        eventHash.CopyTo(entry.AsSpan(8));
        return entry;
    }
}
