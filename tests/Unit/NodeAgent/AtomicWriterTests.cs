using System.Text;
using EventOrch.NodeAgent.ConfigSources;

namespace EventOrch.Tests.Unit.NodeAgent;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("eo-atomic-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static VolumeFile File(string text, int mode = 420) => new(Encoding.UTF8.GetBytes(text), mode);

    private string Read(string path) => System.IO.File.ReadAllText(Path.Combine(_root, path));

    private List<string> Entries() => Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    [Fact]
    public void Files_are_reached_through_links_into_the_current_version_with_their_modes()
    {
        AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { ["mode"] = File("fast", 256), ["conf/app.properties"] = File("a=1") }, DateTimeOffset.UnixEpoch);

        Assert.Equal("fast", Read("mode"));
        Assert.Equal("a=1", Read("conf/app.properties"));
        Assert.Equal("..data/mode", new FileInfo(Path.Combine(_root, "mode")).LinkTarget);
        Assert.StartsWith("..1970_01_01_00_00_00.", new FileInfo(Path.Combine(_root, "..data")).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead, System.IO.File.GetUnixFileMode(Path.Combine(_root, "..data", "mode")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            System.IO.File.GetUnixFileMode(Path.Combine(_root, "..data", "conf", "app.properties")));
    }

    [Fact]
    public void A_new_version_replaces_the_old_one_whole_and_leaves_no_old_files_or_versions()
    {
        AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { ["a"] = File("1"), ["b"] = File("2") }, DateTimeOffset.UnixEpoch);
        var first = new FileInfo(Path.Combine(_root, "..data")).LinkTarget;

        AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { ["a"] = File("10"), ["c"] = File("3") }, DateTimeOffset.UnixEpoch.AddSeconds(1));

        Assert.Equal(("10", "3"), (Read("a"), Read("c")));
        Assert.False(System.IO.File.Exists(Path.Combine(_root, "b")));
        var second = new FileInfo(Path.Combine(_root, "..data")).LinkTarget;
        Assert.NotEqual(first, second);
        Assert.Equal(new[] { "..data", second!, "a", "c" }.Order(StringComparer.Ordinal), Entries());
    }

    [Fact]
    public async Task Readers_never_see_a_half_written_file_nor_files_of_two_versions_through_one_data_link()
    {
        // Big enough that a write in place would be seen half done.
        static VolumeFile Version(int i) => File(string.Concat(Enumerable.Repeat($"v{i};", 20_000)));
        AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { ["a"] = Version(0), ["b"] = Version(0) }, DateTimeOffset.UnixEpoch);
        using var stop = new CancellationTokenSource();
        int torn = 0, mixed = 0, reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Through the visible name, as a program reads its configuration file.
                    var a = System.IO.File.ReadAllText(Path.Combine(_root, "a"));
                    if (a.Split(';', StringSplitOptions.RemoveEmptyEntries).Distinct().Count() != 1) Interlocked.Increment(ref torn);
                    // A set of files read through one resolution of ..data belongs to one version.
                    var version = new FileInfo(Path.Combine(_root, "..data")).LinkTarget!;
                    var first = System.IO.File.ReadAllText(Path.Combine(_root, version, "a"));
                    var second = System.IO.File.ReadAllText(Path.Combine(_root, version, "b"));
                    if (first != second) Interlocked.Increment(ref mixed);
                    Interlocked.Increment(ref reads);
                }
                catch (IOException)
                {
                    // The version was removed between resolving and reading: a reader opens the next one.
                }
            }
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var i = 0;
        while (Volatile.Read(ref reads) < 200 && DateTime.UtcNow < deadline)
        {
            i++;
            AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { ["a"] = Version(i), ["b"] = Version(i) }, DateTimeOffset.UnixEpoch.AddSeconds(i));
        }
        await stop.CancelAsync();
        await reader;

        Assert.True(reads >= 200, $"only {reads} reads while {i} versions were written");
        Assert.Equal((0, 0), (torn, mixed));
        Assert.StartsWith($"v{i};", Read("b"));
    }

    [Fact]
    public void An_empty_payload_leaves_an_empty_volume()
    {
        AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { ["a"] = File("1") }, DateTimeOffset.UnixEpoch);

        AtomicWriter.Write(_root, new Dictionary<string, VolumeFile>(), DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain(Entries(), e => !e.StartsWith("..", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("..data")]
    public void A_path_outside_the_volume_is_never_written(string path) =>
        Assert.Throws<ArgumentException>(() => AtomicWriter.Write(_root, new Dictionary<string, VolumeFile> { [path] = File("x") }, DateTimeOffset.UnixEpoch));
}
