using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Hosting;

/// <summary>
/// A route whose body is a raw file, parsed as it streams in: EventReview:MaxUploadBytes caps it, not the JSON cap.
/// <see cref="Kind"/> says which file it is, for the OpenAPI document.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RawUploadAttribute(UploadKind kind = UploadKind.SearchExport) : Attribute
{
    public UploadKind Kind { get; } = kind;
}

/// <summary>What a raw upload holds: a search's export, or another screening tool's export of its decisions.</summary>
public enum UploadKind { SearchExport, DecisionExport }

/// <summary>
/// The limits that keep one request from taking the server's memory, each answered with problem details before any
/// work is done and before the caller is identified: a request target over 8 KiB is a 414, headers over 32 KiB a 431,
/// and a body over its route's cap a 413 (EventReview:MaxJsonBodyBytes for a JSON command, EventReview:MaxUploadBytes
/// for an upload). A body that declares no length, or more than it sends, is stopped as soon as it grows past the cap
/// while it is read: Kestrel enforces the per-request limit set here, and where the server has no such limit (the
/// in-memory test server) the body stream does.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, EventReviewOptions options)
{
    public const int MaxRequestTarget = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// Kestrel's own limits, above the application's, so that an oversized request line or header block gets problem
    /// details here. Only beyond these does Kestrel refuse the request itself, with an empty 414 or 431.
    /// </summary>
    public const int KestrelRequestLine = 64 * 1024;

    public const int KestrelHeaderBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (target > MaxRequestTarget)
        {
            await RefuseAsync(http, problems, StatusCodes.Status414UriTooLong, "Request target too long",
                $"The path and query are longer than {MaxRequestTarget} characters.");
            return;
        }
        if (HeaderBytes(request.Headers) > MaxHeaderBytes)
        {
            await RefuseAsync(http, problems, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request headers are larger than {MaxHeaderBytes} bytes.");
            return;
        }

        var upload = IsUpload(http);
        var limit = upload ? options.MaxUploadBytes : options.MaxJsonBodyBytes;
        if (request.ContentLength is { } length && length > limit)
        {
            await RefuseAsync(http, problems, StatusCodes.Status413PayloadTooLarge, upload ? "Upload too large" : "Request body too large",
                TooLarge(upload, limit));
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        else request.Body = new CappedStream(request.Body, limit, TooLarge(upload, limit));
        await next(http);
    }

    /// <summary>Whether the request's route takes a raw upload.</summary>
    public static bool IsUpload(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RawUploadAttribute>() is not null;

    private static string TooLarge(bool upload, long limit) => upload
        ? $"The upload is larger than {limit} bytes (EventReview:MaxUploadBytes)."
        : $"The request body is larger than {limit} bytes, the most a JSON command may be (EventReview:MaxJsonBodyBytes).";

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values) bytes += name.Length + (value?.Length ?? 0) + 4;
        }
        return bytes;
    }

    private static Task RefuseAsync(HttpContext http, IProblemDetailsService problems, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        // The rest of the request is not read, so the connection cannot carry another request after it.
        if (HttpProtocol.IsHttp11(http.Request.Protocol)) http.Response.Headers.Connection = "close";
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>A request body that refuses to be read past the cap, as Kestrel's own limit does.</summary>
    private sealed class CappedStream(Stream inner, long cap, string detail) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            _read += read;
            if (_read > cap) throw new BadHttpRequestException(detail, StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
