using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class VolumeAttachmentValidationTests
{
    private static VolumeAttachment Attachment(string attacher = VolumeAttachments.Attacher, string node = "node-1", string? volume = "pv-1") => new()
    {
        Metadata = new ObjectMeta { Name = VolumeAttachments.NameFor(volume ?? "", node) },
        Spec = new VolumeAttachmentSpec { Attacher = attacher, NodeName = node, Source = new VolumeAttachmentSource { PersistentVolumeName = volume } },
    };

    private static List<string> Errors(VolumeAttachment attachment) => VolumeAttachmentValidation.ValidateCreate(attachment).Select(e => e.Message).ToList();

    [Fact]
    public void An_attachment_of_a_volume_to_a_node_is_valid() => Assert.Empty(Errors(Attachment()));

    [Theory]
    [InlineData("", "node-1", "pv-1", "spec.attacher: Required value")]
    [InlineData("eventorch.io/attacher", "", "pv-1", "spec.nodeName: Required value")]
    [InlineData("eventorch.io/attacher", "Node_1", "pv-1", "spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain")]
    [InlineData("eventorch.io/attacher", "node-1", null, "spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName")]
    [InlineData("eventorch.io/attacher", "node-1", "", "spec.source.persistentVolumeName: Required value: must specify non empty persistentVolumeName")]
    public void A_bad_spec_is_refused_with_the_field(string attacher, string node, string? volume, string expected) =>
        Assert.StartsWith(expected, Assert.Single(Errors(Attachment(attacher, node, volume))));

    [Fact]
    public void The_spec_never_changes()
    {
        var old = Attachment();
        var moved = old with { Spec = old.Spec with { NodeName = "node-2" } };
        Assert.Contains(VolumeAttachmentValidation.ValidateUpdate(old, moved), e => e.Field == "spec" && e.Message.EndsWith("field is immutable", StringComparison.Ordinal));
        Assert.Empty(VolumeAttachmentValidation.ValidateUpdate(old, old with { Metadata = old.Metadata with { Labels = new() { ["a"] = "b" } } }));
    }

    [Fact]
    public void An_attach_error_over_1024_bytes_is_too_long() =>
        Assert.Equal("status.attachError.message: Too long: may not be more than 1024 bytes", Assert.Single(VolumeAttachmentValidation.ValidateStatus(
            Attachment() with { Status = new VolumeAttachmentStatus { AttachError = new VolumeError { Message = new string('x', 1025) } } })).Message);

    [Fact]
    public void The_name_of_an_attachment_is_one_per_volume_and_node()
    {
        Assert.Equal(VolumeAttachments.NameFor("pv", "a"), VolumeAttachments.NameFor("pv", "a"));
        Assert.NotEqual(VolumeAttachments.NameFor("pv", "a"), VolumeAttachments.NameFor("pv", "b"));
        Assert.Empty(NameValidation.IsDns1123Subdomain(VolumeAttachments.NameFor("pv", "a")));
    }
}
