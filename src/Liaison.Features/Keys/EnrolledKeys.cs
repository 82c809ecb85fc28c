using System.Collections.Concurrent;

namespace Liaison.Features.Keys;

/// <summary>
/// Enrolled keys recently used to sign, by key id, so admission does not read the database for every entry. Only a
/// first check: the sequencer reads each key's status again inside the batch that appends the entry, and forgets a
/// key here as soon as its revocation is committed.
/// </summary>
public sealed class EnrolledKeys
{
    private readonly ConcurrentDictionary<string, SigningKeyRecord> _keys = new(StringComparer.Ordinal);

    public bool TryGet(string keyId, out SigningKeyRecord key) => _keys.TryGetValue(keyId, out key!);

    public void Remember(SigningKeyRecord key)
    {
        if (key.Status == Domain.Keys.KeyStatus.Enrolled)
        {
            _keys[key.KeyId] = key;
        }
    }

    public void Forget(string keyId) => _keys.TryRemove(keyId, out _);
}
