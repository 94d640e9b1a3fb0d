using System.Security.Cryptography;
using System.Text;
using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

public class CheckpointSignerTests
{
    private static readonly Checkpoint Unsigned = Checkpoint.Of("review-1", ChainVerifier.Verify(ReviewLog.Sample()),
        new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(500));

    [Fact]
    public void Signed_bytes_are_the_canonical_json_of_the_checkpoint()
    {
        var checkpoint = Unsigned with { Head = new string('b', 64), Algorithm = "ES256" };

        // Written by hand: keys in ordinal order, signature and public key left out, time in the chain's form.
        Encoding.UTF8.GetString(CheckpointSigner.SignedBytes(checkpoint)).ShouldBe(
            """{"algorithm":"ES256","count":9,"createdAt":"2025-04-01T12:00:00.500000Z","format":"eventreview-checkpoint","head":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","lastSequence":9,"reviewId":"review-1"}""");
    }

    // Key and signature made with OpenSSL 3 over the signed bytes of the test above:
    //   openssl ecparam -name prime256v1 -genkey -noout -out k.pem; openssl ec -in k.pem -pubout
    //   openssl dgst -sha256 -sign k.pem msg   (DER r,s rewritten as the 64-byte r||s)
    private const string OpenSslPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEhniRelnD+HORIrsgSTqWoA1DiK7f
        rPa0ctmPeffMV1o1YdbFdDCme31HZKH6KgE+c0t79h4JHEmwRqcn37m0Qw==
        -----END PUBLIC KEY-----
        """;

    [Fact]
    public void A_signature_made_by_openssl_verifies()
    {
        using var key = CheckpointSigner.ImportKey(OpenSslPublicKey);
        var checkpoint = Unsigned with
        {
            Head = new string('b', 64),
            Algorithm = "ES256",
            Signature = "+uBqg7qEfpVj1bYOKpTI7JFE4XLRIz24r0rwAfKrPTo24U4dr3KzjDHnSv+CzPfB2euhPMBg/gCyyc5FqhviAw==",
        };

        CheckpointSigner.Verify(checkpoint, key).ShouldBeTrue();
        CheckpointSigner.Verify(checkpoint with { Count = 10 }, key).ShouldBeFalse();
    }

    [Fact]
    public void A_checkpoint_signed_with_the_key_file_verifies_with_its_public_key()
    {
        using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var privateKey = CheckpointSigner.ImportKey(generated.ExportPkcs8PrivateKeyPem());
        using var publicKey = CheckpointSigner.ImportKey(generated.ExportSubjectPublicKeyInfoPem());

        var signed = CheckpointSigner.Sign(Unsigned, privateKey);

        signed.Algorithm.ShouldBe("ES256");
        Convert.FromBase64String(signed.Signature!).Length.ShouldBe(64); // r || s, 32 bytes each
        signed.PublicKey.ShouldBe(Convert.ToBase64String(generated.ExportSubjectPublicKeyInfo()));
        CheckpointSigner.Verify(signed, publicKey).ShouldBeTrue();
    }

    [Fact]
    public void A_tampered_signature_fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = CheckpointSigner.Sign(Unsigned, key);
        var bytes = Convert.FromBase64String(signed.Signature!);
        bytes[10] ^= 0x01;

        CheckpointSigner.Verify(signed with { Signature = Convert.ToBase64String(bytes) }, key).ShouldBeFalse();
        CheckpointSigner.Verify(signed with { Signature = "not base64" }, key).ShouldBeFalse();
    }

    [Fact]
    public void A_signature_does_not_cover_a_changed_checkpoint()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = CheckpointSigner.Sign(Unsigned, key);

        CheckpointSigner.Verify(signed with { Head = HashChain.EmptyHead }, key).ShouldBeFalse();
        CheckpointSigner.Verify(signed with { Count = 8 }, key).ShouldBeFalse();
        CheckpointSigner.Verify(signed with { ReviewId = "review-2" }, key).ShouldBeFalse();
        CheckpointSigner.Verify(signed with { CreatedAt = signed.CreatedAt.AddSeconds(1) }, key).ShouldBeFalse();
    }

    [Fact]
    public void Another_key_or_no_signature_fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        CheckpointSigner.Verify(CheckpointSigner.Sign(Unsigned, key), other).ShouldBeFalse();
        CheckpointSigner.Verify(Unsigned, key).ShouldBeFalse();
    }

    [Fact]
    public void Keys_other_than_p256_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Should.Throw<AuditFormatException>(() => CheckpointSigner.Sign(Unsigned, p384));
        Should.Throw<AuditFormatException>(() => CheckpointSigner.ImportKey(p384.ExportPkcs8PrivateKeyPem()));
        Should.Throw<AuditFormatException>(() => CheckpointSigner.ImportKey("-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----"));
    }

    [Fact]
    public void A_signed_checkpoint_survives_its_json_file()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = CheckpointSigner.Sign(Unsigned, key);

        var read = Checkpoint.Parse(signed.ToJson());

        read.ShouldBe(signed);
        CheckpointSigner.Verify(read, key).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"reviewId":"review-1","count":9,"lastSequence":9,"createdAt":"2025-04-01T12:00:00.000000Z"}""")]
    [InlineData("""{"reviewId":"review-1","count":9,"lastSequence":9,"head":"XYZ","createdAt":"2025-04-01T12:00:00.000000Z"}""")]
    [InlineData("""{"reviewId":"review-1","count":-1,"lastSequence":9,"head":"0000000000000000000000000000000000000000000000000000000000000000","createdAt":"2025-04-01T12:00:00.000000Z"}""")]
    [InlineData("""{"reviewId":"review-1","count":9,"lastSequence":9,"head":"0000000000000000000000000000000000000000000000000000000000000000","createdAt":"yesterday"}""")]
    [InlineData("not json")]
    public void A_malformed_checkpoint_file_is_rejected(string json)
    {
        Should.Throw<AuditFormatException>(() => Checkpoint.Parse(json));
    }

    [Fact]
    public void A_checkpoint_of_a_broken_log_is_refused()
    {
        var log = ReviewLog.Sample();
        log.RemoveAt(3);

        Should.Throw<AuditFormatException>(() => Checkpoint.Of("review-1", ChainVerifier.Verify(log), DateTimeOffset.UnixEpoch));
    }
}
