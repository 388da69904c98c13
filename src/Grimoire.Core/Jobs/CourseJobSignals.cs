using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Grimoire.Core.Jobs;

/// <summary>
/// Tells the pages watching a course that one of its jobs moved. Each watcher has a bounded channel of one: however
/// many steps happen while a page is busy, it reads the job once more when it is ready, so a slow page never slows
/// a job. Single node; several nodes need a shared signal (the job's row is the truth either way).
/// </summary>
public sealed class CourseJobSignals
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<CourseJobWatch, byte>> watchers = new();

    /// <summary>Starts watching a course's jobs; dispose to stop.</summary>
    public CourseJobWatch Watch(Guid courseId)
    {
        var watch = new CourseJobWatch(this, courseId);
        watchers.GetOrAdd(courseId, _ => new()).TryAdd(watch, 0);
        return watch;
    }

    internal void Changed(Guid courseId)
    {
        if (watchers.TryGetValue(courseId, out var course))
        {
            foreach (var watch in course.Keys)
            {
                watch.Signal();
            }
        }
    }

    internal void Stop(CourseJobWatch watch)
    {
        if (watchers.TryGetValue(watch.CourseId, out var course))
        {
            course.TryRemove(watch, out _);
        }
    }
}

/// <summary>One page's watch on a course's jobs: <see cref="Changes"/> yields when something moved.</summary>
public sealed class CourseJobWatch : IDisposable
{
    private readonly CourseJobSignals signals;
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    internal CourseJobWatch(CourseJobSignals signals, Guid courseId)
    {
        this.signals = signals;
        CourseId = courseId;
    }

    public Guid CourseId { get; }

    public ChannelReader<bool> Changes => channel.Reader;

    internal void Signal() => channel.Writer.TryWrite(true);

    public void Dispose()
    {
        signals.Stop(this);
        channel.Writer.TryComplete();
    }
}
