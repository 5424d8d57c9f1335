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

    private static StorageClass Class(string name, string bindingMode) => new()
    {
        Metadata = new ObjectMeta { Name = name, Uid = $"uid-{name}", ResourceVersion = "5" },
        Provisioner = StorageClasses.LocalProvisioner,
        VolumeBindingMode = bindingMode,
    };

    private static PersistentVolumeClaim Claim(string? storageClass, string? volumeName = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = "data", Namespace = "default", Uid = "uid-data", ResourceVersion = "8", Annotations = annotations },
        Spec = new PersistentVolumeClaimSpec { StorageClassName = storageClass, VolumeName = volumeName },
    };

    private static RecordedEvent Created(PersistentVolumeClaim claim) => Rec(new PersistentVolumeClaimCreated(claim));

    private static RecordedEvent Annotated(Dictionary<string, string> annotations, string user = EventFixtures.Component) =>
        Rec(new PersistentVolumeClaimMetadataChanged("uid-data", "default", "data", new MetadataChanges { Annotations = annotations }), user);

    private static PersistentVolume Provisioned(string? provisionedBy = StorageClasses.SharedProvisioner) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "pvc-uid-data", Uid = "uid-pv",
            Annotations = provisionedBy is null ? null : new() { [PersistentVolumes.ProvisionedByAnnotation] = provisionedBy },
        },
        Spec = new PersistentVolumeSpec
        {
            ClaimRef = new ObjectReference { ApiVersion = "v1", Kind = "PersistentVolumeClaim", Namespace = "default", Name = "data", Uid = "uid-data", ResourceVersion = "8" },
        },
    };

    private static PersistentVolumeSpec Sized(string size) => Provisioned().Spec with { Capacity = new() { ["storage"] = size } };

    private const string Handed = "waiting for a volume to be created, either by external provisioner \"eventorch.io/shared\" or manually created by system administrator";

    public static TheoryData<MappingCase> ClaimCases() => new()
    {
        new("a claim of a class that does not exist", Created(Claim("fast")), null, Subjects(Class("local", StorageClasses.BindingWaitForFirstConsumer)),
            [(EventReasons.ProvisioningFailed, EventTypes.Warning, "persistentvolume-controller", "storageclass.storage.k8s.io \"fast\" not found")]),
        new("a claim of a WaitForFirstConsumer class", Created(Claim("local")), null, Subjects(Class("local", StorageClasses.BindingWaitForFirstConsumer)),
            [(EventReasons.WaitForFirstConsumer, EventTypes.Normal, "persistentvolume-controller", "waiting for first consumer to be created before binding")]),
        new("a claim whose node is already selected does not wait", Created(Claim("local", annotations: new() { [PersistentVolumes.SelectedNodeAnnotation] = "node-1" })), null,
            Subjects(Class("local", StorageClasses.BindingWaitForFirstConsumer)), []),
        new("a claim of an Immediate class", Created(Claim("shared")), null, Subjects(Class("shared", StorageClasses.BindingImmediate)), []),
        new("a claim naming its volume", Created(Claim("fast", volumeName: "pv-1")), null, Subjects(), []),
        new("a claim of no class", Created(Claim("")), null, Subjects(), []),
        new("the binder hands the claim to its provisioner", Annotated(new() { [PersistentVolumes.StorageProvisionerAnnotation] = StorageClasses.SharedProvisioner }),
            Claim("shared"), Subjects(), [(EventReasons.ExternalProvisioning, EventTypes.Normal, "persistentvolume-controller", Handed)]),
        new("a later annotation of a handed claim is no news", Annotated(new() { [PersistentVolumes.StorageProvisionerAnnotation] = StorageClasses.SharedProvisioner, ["x"] = "y" }),
            Claim("shared", annotations: new() { [PersistentVolumes.StorageProvisionerAnnotation] = StorageClasses.SharedProvisioner }), Subjects(), []),
        new("a person's annotation is not the binder's", Annotated(new() { [PersistentVolumes.StorageProvisionerAnnotation] = "x" }, EventFixtures.Person),
            Claim("shared"), Subjects(), []),
        new("a provisioner's volume for the claim", Rec(new PersistentVolumeCreated(Provisioned()), EventFixtures.Component), null, Subjects(),
            [(EventReasons.ProvisioningSucceeded, EventTypes.Normal, StorageClasses.SharedProvisioner, "Successfully provisioned volume pvc-uid-data")]),
        new("a volume no provisioner made", Rec(new PersistentVolumeCreated(Provisioned(null)), EventFixtures.Component), null, Subjects(), []),
        new("the resizer grows a bound volume", Rec(new PersistentVolumeSpecChanged("uid-pv", "pvc-uid-data", Sized("3Gi")), EventFixtures.Component),
            Provisioned() with { Spec = Sized("1Gi") }, Subjects(),
            [(EventReasons.VolumeResizeSuccessful, EventTypes.Normal, "external-resizer eventorch.io/shared",
                "resize volume \"pvc-uid-data\" by resizer \"eventorch.io/shared\" finished successfully")]),
        new("a spec change that does not grow it", Rec(new PersistentVolumeSpecChanged("uid-pv", "pvc-uid-data", Sized("1Gi")), EventFixtures.Component),
            Provisioned() with { Spec = Sized("1Gi") }, Subjects(), []),
    };

    [Theory]
    [MemberData(nameof(ClaimCases))]
    public void A_claims_way_to_its_volume_becomes_the_persistent_volume_controllers_and_provisioners_Events(MappingCase c) =>
        Assert.Equal(c.Expected, Summary(KubeEventMapper.From(c.Event, c.Before, c.Subjects)));

    [Fact]
    public void A_provisioned_volumes_Event_is_about_its_claim()
    {
        var e = Assert.Single(KubeEventMapper.From(Rec(new PersistentVolumeCreated(Provisioned()), EventFixtures.Component), null, Subjects()));
        Assert.Equal(("v1", "PersistentVolumeClaim", "data", "uid-data", "default"),
            (e.InvolvedObject.ApiVersion, e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.Metadata.Namespace));
    }

    [Fact]
    public void A_class_created_and_then_deleted_is_not_found_by_the_claims_after_it()
    {
        var table = new EventSubjectTable();
        var local = Class("local", StorageClasses.BindingWaitForFirstConsumer);
        Assert.Empty(table.Apply(Rec(new StorageClassCreated(local), sequence: 1)));
        Assert.Equal(EventReasons.WaitForFirstConsumer, Assert.Single(table.Apply(Rec(new PersistentVolumeClaimCreated(Claim("local")), sequence: 2))).Reason);
        table.Apply(Rec(new StorageClassDeleted("uid-local", "local"), sequence: 3));
        var later = Claim("local") with { Metadata = Claim("local").Metadata with { Name = "later", Uid = "uid-later" } };
        Assert.Equal(EventReasons.ProvisioningFailed, Assert.Single(table.Apply(Rec(new PersistentVolumeClaimCreated(later), sequence: 4))).Reason);
    }

    [Fact]
    public void Attach_events_are_about_the_attachment_in_the_default_namespace()
    {
        var e = Assert.Single(KubeEventMapper.From(Status(new VolumeAttachmentStatus { Attached = true }), Attachment(), Subjects()));
        Assert.Equal(("VolumeAttachment", VolumeAttachments.NameFor("pv-1", "node-2"), "uid-va", "default"),
            (e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.Metadata.Namespace));
    }

    [Fact]
    public void Only_the_storage_writes_the_rules_compare_read_their_object_before()
    {
        var claimStatus = new PersistentVolumeClaimStatusChanged("uid-data", "default", "data", new PersistentVolumeClaimStatus());
        var claimMetadata = new PersistentVolumeClaimMetadataChanged("uid-data", "default", "data", new MetadataChanges());
        var volumeStatus = new PersistentVolumeStatusChanged("uid-pv", "pvc-uid-data", new PersistentVolumeStatus());
        var volumeSpec = new PersistentVolumeSpecChanged("uid-pv", "pvc-uid-data", Sized("2Gi"));

        Assert.Equal([false, true, false, true, false, true],
            new IObjectEvent[] { claimStatus, claimMetadata, volumeStatus, volumeSpec, new PersistentVolumeClaimCreated(Claim("local")), Status(new VolumeAttachmentStatus()).Data }
                .Select(EventSubjectKinds.ComparesWithBefore));
    }
}
