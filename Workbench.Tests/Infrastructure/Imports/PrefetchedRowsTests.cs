using Workbench.Infrastructure.Imports;

namespace Workbench.Tests.Infrastructure.Imports;

public sealed class PrefetchedRowsTests
{
    [Fact]
    public void Rows_arrive_in_order_and_complete()
    {
        var source = Enumerable.Range(0, 10_000).Select(i => new object?[] { (long)i });

        var rows = PrefetchedRows.Of(source, TestContext.Current.CancellationToken).Select(r => (long)r[0]!).ToList();

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), rows);
    }

    [Fact]
    public void A_failure_in_the_source_surfaces_after_the_rows_before_it()
    {
        var seen = new List<long>();

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var row in PrefetchedRows.Of(Failing(5_000), TestContext.Current.CancellationToken))
            {
                seen.Add((long)row[0]!);
            }
        });

        Assert.Equal("row 5000", error.Message);
        Assert.Equal(5_000, seen.Count);
    }

    [Fact]
    public void Stopping_early_stops_the_reader_and_releases_the_source()
    {
        var source = new TrackedSource(1_000_000);

        var first = PrefetchedRows.Of(source, TestContext.Current.CancellationToken).Take(10).ToList();

        Assert.Equal(10, first.Count);
        Assert.True(source.Disposed);
        Assert.True(source.Produced < 1_000_000);
    }

    private static IEnumerable<object?[]> Failing(int at)
    {
        for (long i = 0; ; i++)
        {
            if (i == at)
            {
                throw new InvalidDataException($"row {i}");
            }
            yield return [i];
        }
    }

    private sealed class TrackedSource(int count) : IEnumerable<object?[]>
    {
        public bool Disposed { get; private set; }

        public int Produced { get; private set; }

        public IEnumerator<object?[]> GetEnumerator()
        {
            try
            {
                for (long i = 0; i < count; i++)
                {
                    Produced++;
                    yield return [i];
                }
            }
            finally
            {
                Disposed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
