using System.Diagnostics;
using System.Net;
using System.Text;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// The real server killed with SIGKILL in the middle of a large upload: only whole import batches survive, and
/// repeating the upload completes the import with no duplicate.
/// </summary>
public class KilledImportTests
{
    private const int Records = 20_000;

    [Fact]
    public async Task A_server_killed_mid_import_keeps_only_whole_batches_and_the_repeated_upload_completes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabase.CreateAsync("faultkill");
        await using var db = NpgsqlDataSource.Create(connectionString);
        var ris = Encoding.UTF8.GetBytes(ReviewScenario.Ris(Records, "Killed"));
        const string lead = "lead-killed";
        Guid review, search;
        var clock = Stopwatch.StartNew();

        await using (var server = await ServerProcess.StartAsync(connectionString, TimeSpan.FromSeconds(90)))
        using (var client = new ServerClient(server.Address, TimeSpan.FromMinutes(5)))
        {
            (review, search) = await client.ReviewWithSearchAsync(lead, []);
            // Throttled so the upload outlasts a few batch commits even on a fast machine.
            var upload = client.ImportAsync(lead, review, search, new ThrottledContent(ris, chunk: 16 * 1024, pause: TimeSpan.FromMilliseconds(20)));

            var visible = 0L;
            var watch = Stopwatch.StartNew();
            while (visible < 2 * RecordImporter.BatchSize)
            {
                upload.IsCompleted.ShouldBeFalse($"the upload finished before the kill ({visible} records visible)");
                watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), $"only {visible} records became visible");
                await Task.Delay(25, ct);
                visible = await ImportedAsync(db, search);
            }
            await server.KillAsync();
            await Should.ThrowAsync<Exception>(upload);
        }

        // Whatever the kill interrupted, only whole batches are there, each with its document and its chain link.
        var survived = await ImportedAsync(db, search);
        FaultScale.Report($"killed with {survived} of {Records} records imported after {clock.Elapsed.TotalSeconds:0.0} s");
        survived.ShouldBeInRange(2L * RecordImporter.BatchSize, Records - RecordImporter.BatchSize);
        (survived % RecordImporter.BatchSize).ShouldBe(0);
        (await DocumentsAsync(db, search)).ShouldBe(survived);
        var reviewEvents = await StoreChecks.ScalarAsync(db, $"select count(*) from {EventStoreSetup.Schema}.mt_events where stream_id = $1", review);
        StoreChecks.ChainIsIntact(db, review).ShouldBe(survived + reviewEvents);

        await using (var server = await ServerProcess.StartAsync(connectionString, TimeSpan.FromSeconds(90)))
        using (var client = new ServerClient(server.Address, TimeSpan.FromMinutes(5)))
        {
            var result = await client.ImportAsync(lead, review, search, new ByteArrayContent(ris));
            result.GetProperty("imported").GetInt32().ShouldBe(Records - (int)survived);
            result.GetProperty("alreadyPresent").GetInt32().ShouldBe((int)survived);
            result.GetProperty("errors").GetArrayLength().ShouldBe(0);
        }

        (await ImportedAsync(db, search)).ShouldBe(Records);
        (await DocumentsAsync(db, search)).ShouldBe(Records);
        (await StoreChecks.ScalarAsync(db,
                $"select count(distinct data ->> 'importKey') from {EventStoreSetup.Schema}.mt_events where type = 'record_imported' and data ->> 'searchId' = $1",
                search.ToString("D")))
            .ShouldBe(Records, "an import key stored twice");
        StoreChecks.ChainIsIntact(db, review).ShouldBe(Records + reviewEvents);
        await using (var store = StoreChecks.StoreFor(connectionString))
            await StoreChecks.RecordsEqualTheirEventsAsync(store, review, ct);
        FaultScale.Report($"completed by the repeated upload; {clock.Elapsed.TotalSeconds:0.0} s in all");
    }

    private static Task<long> ImportedAsync(NpgsqlDataSource db, Guid search) => StoreChecks.ScalarAsync(db,
        $"select count(*) from {EventStoreSetup.Schema}.mt_events where type = 'record_imported' and data ->> 'searchId' = $1", search.ToString("D"));

    private static Task<long> DocumentsAsync(NpgsqlDataSource db, Guid search) => StoreChecks.ScalarAsync(db,
        $"select count(*) from {EventStoreSetup.Schema}.mt_doc_recordstate where search_id = $1", search);

    /// <summary>A request body sent in chunks with a pause between them, as a slow client would.</summary>
    private sealed class ThrottledContent(byte[] body, int chunk, TimeSpan pause) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += chunk)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(pause);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
