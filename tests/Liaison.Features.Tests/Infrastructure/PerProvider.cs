using System.Collections.Concurrent;

namespace Liaison.Features.Tests.Infrastructure;

/// <summary>
/// A class fixture holding one expensive arrangement per provider, made on first use and shared by the tests of one
/// class that only read it (or whose refusals change nothing).
/// </summary>
public abstract class PerProvider<T> : IAsyncDisposable
    where T : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _values = new(StringComparer.Ordinal);

    public Task<T> GetAsync(string provider) => _values.GetOrAdd(provider, p => new Lazy<Task<T>>(() => CreateAsync(p))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var value in _values.Values.Where(v => v.IsValueCreated))
        {
            await (await value.Value).DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<T> CreateAsync(string provider);
}
