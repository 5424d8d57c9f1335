using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.KubeEvents.EventFixtures;

namespace EventOrch.Tests.Unit.KubeEvents;

public sealed class StorageEventMappingTests
{
    private const string Multi = "Multi-Attach error for volume \"pv-1\" Volume is already exclusively attached to one node and can't be attached to another";

    private static VolumeAttachment Attachment(VolumeAttachmentStatus? status = null) => new()
    {
        Metadata = new ObjectMeta { Name = VolumeAttachments.NameFor("pv-1", "node-2"), Uid = "uid-va", ResourceVersion = "7" },
        Spec = new VolumeAttachmentSpec { Attacher = VolumeAttachments.Attacher, NodeName = "node-2", Source = new VolumeAttachmentSource { PersistentVolumeName = "pv-1" } },
        Status = status,
    };

    private static RecordedEvent Status(VolumeAttachmentStatus status) =>
        Rec(new VolumeAttachmentStatusChanged("uid-va", VolumeAttachments.NameFor("pv-1", "node-2"), status), EventFixtures.Component);

    public static TheoryData<MappingCase> Cases() => new()
    {
        new("attached", Status(new VolumeAttachmentStatus { Attached = true }), Attachment(new VolumeAttachmentStatus()), Subjects(),
            [(EventReasons.SuccessfulAttachVolume, EventTypes.Normal, "attachdetach-controller", "AttachVolume.Attach succeeded for volume \"pv-1\" on node \"node-2\"")]),
        new("held by another node", Status(new VolumeAttachmentStatus { AttachError = new VolumeError { Message = Multi } }), Attachment(new VolumeAttachmentStatus()), Subjects(),
            [(EventReasons.FailedAttachVolume, EventTypes.Warning, "attachdetach-controller", Multi)]),
        new("the same error again is no news", Status(new VolumeAttachmentStatus { AttachError = new VolumeError { Message = Multi } }),
            Attachment(new VolumeAttachmentStatus { AttachError = new VolumeError { Message = Multi } }), Subjects(), []),
        new("attached after waiting", Status(new VolumeAttachmentStatus { Attached = true }),
            Attachment(new VolumeAttachmentStatus { AttachError = new VolumeError { Message = Multi } }), Subjects(),
            [(EventReasons.SuccessfulAttachVolume, EventTypes.Normal, "attachdetach-controller", "AttachVolume.Attach succeeded for volume \"pv-1\" on node \"node-2\"")]),
        new("still attached is no news", Status(new VolumeAttachmentStatus { Attached = true }), Attachment(new VolumeAttachmentStatus { Attached = true }), Subjects(), []),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_attachments_status_becomes_the_attach_detach_controllers_Events(MappingCase c) =>
        Assert.Equal(c.Expected, Summary(KubeEventMapper.From(c.Event, c.Before, c.Subjects)));

    [Fact]
    public void Attach_events_are_about_the_attachment_in_the_default_namespace()
    {
        var e = Assert.Single(KubeEventMapper.From(Status(new VolumeAttachmentStatus { Attached = true }), Attachment(), Subjects()));
        Assert.Equal(("VolumeAttachment", VolumeAttachments.NameFor("pv-1", "node-2"), "uid-va", "default"),
            (e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.Metadata.Namespace));
    }
}
