using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

public class EventLogNdjsonTests
{
    private static readonly ExportHeader Header = ExportHeader.For("review-1", new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_exported_log_reads_back_and_still_verifies()
    {
        var log = ReviewLog.Sample();
        var text = Export(Header, log);

        var read = EventLogNdjson.Read(new StringReader(text));
        var events = read.Events.ToList();

        read.Header.ShouldBe(Header);
        events.Count.ShouldBe(log.Count);
        Export(null, events).ShouldBe(Export(null, log));
        ChainVerifier.Verify(events).Intact.ShouldBeTrue();
    }

    [Fact]
    public void The_header_and_each_event_take_one_line()
    {
        var lines = Export(Header, ReviewLog.Sample()).Split('\n');

        lines.Length.ShouldBe(11); // header, nine events, and the empty text after the final newline
        lines[0].ShouldBe("""{"format":"eventreview-log","version":1,"reviewId":"review-1","exportedAt":"2025-04-01T12:00:00.000000Z"}""");
        lines[2].ShouldStartWith("""{"sequence":2,"streamId":"record-a","streamVersion":1,"eventType":"RecordImported","data":{"title":"Sleep quality on simvastatin","year":2019,"authors":["Müller, A.","Ōta, K."]},"actorId":"seed-lead","actorName":"Lena Lead","timestamp":"2025-03-04T09:01:00.000001Z","correlationId":"corr-0","previousHash":""");
        lines[^1].ShouldBeEmpty();
    }

    [Fact]
    public void A_log_without_header_and_with_blank_lines_reads()
    {
        var text = Export(null, ReviewLog.Sample()).Replace("\n", "\r\n\n", StringComparison.Ordinal);

        var read = EventLogNdjson.Read(new StringReader(text));

        read.Header.ShouldBeNull();
        ChainVerifier.Verify(read.Events).EventsChecked.ShouldBe(9);
    }

    [Fact]
    public void An_empty_file_is_an_empty_log()
    {
        var read = EventLogNdjson.Read(new StringReader(""));

        read.Header.ShouldBeNull();
        read.Events.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"sequence":3,"streamId":""", "Line 4: not valid JSON")]
    [InlineData("""[1,2,3]""", "Line 4: expected a JSON object")]
    [InlineData("""{"sequence":3}""", "Line 4: \"streamId\" is missing")]
    [InlineData("""{"sequence":"3"}""", "Line 4: \"sequence\" must be an integer")]
    public void A_malformed_line_is_reported_with_its_number(string badLine, string message)
    {
        var lines = Export(Header, ReviewLog.Sample()).Split('\n');
        lines[3] = badLine;

        var read = EventLogNdjson.Read(new StringReader(string.Join('\n', lines)));

        // Reading streams: the events before the bad line come out first.
        using var events = read.Events.GetEnumerator();
        events.MoveNext().ShouldBeTrue();
        events.MoveNext().ShouldBeTrue();
        Should.Throw<AuditFormatException>(() => events.MoveNext()).Message.ShouldStartWith(message);
    }

    [Theory]
    [InlineData("\"timestamp\":\"2025-03-04T09:01:00.000001Z\"", "\"timestamp\":\"2025-03-04T09:01:00Z\"", "\"timestamp\" must be a UTC time")]
    [InlineData("\"previousHash\":\"", "\"previousHash\":\"X", "\"previousHash\" must be 64 lowercase hexadecimal digits")]
    [InlineData("\"correlationId\":\"corr-0\"", "\"correlationId\":7", "\"correlationId\" must be a string")]
    [InlineData("\"data\":{", "\"data\":null,\"x\":{", "\"data\" is missing")]
    public void A_malformed_field_is_named_with_its_line(string field, string replacement, string message)
    {
        var lines = Export(Header, ReviewLog.Sample()).Split('\n');
        lines[2] = lines[2].Replace(field, replacement, StringComparison.Ordinal);

        var read = EventLogNdjson.Read(new StringReader(string.Join('\n', lines)));

        Should.Throw<AuditFormatException>(() => read.Events.ToList()).Message.ShouldStartWith($"Line 3: {message}");
    }

    [Theory]
    [InlineData("""{"format":"other-log","version":1,"reviewId":"r","exportedAt":"2025-04-01T12:00:00.000000Z"}""", "Line 1: unknown log format \"other-log\"")]
    [InlineData("""{"format":"eventreview-log","version":2,"reviewId":"r","exportedAt":"2025-04-01T12:00:00.000000Z"}""", "Line 1: log format version 2 is not supported")]
    [InlineData("""{"format":"eventreview-log","version":1,"exportedAt":"2025-04-01T12:00:00.000000Z"}""", "Line 1: \"reviewId\" is missing")]
    public void An_unsupported_header_is_rejected_at_once(string header, string message)
    {
        Should.Throw<AuditFormatException>(() => EventLogNdjson.Read(new StringReader(header + "\n"))).Message.ShouldStartWith(message);
    }

    private static string Export(ExportHeader? header, IEnumerable<ChainedEvent> events)
    {
        using var writer = new StringWriter();
        EventLogNdjson.Write(writer, header, events);
        return writer.ToString();
    }
}
