using System.Xml.Linq;
using Dapper;
using DevRelHub.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DevRelHub.Identity.Keys;

/// <summary>
/// The data-protection key ring in the database, the one state every host shares: a session cookie or bearer token
/// protected by one host is read by the others, and survives a restart. Keys are written once and never changed.
/// </summary>
internal sealed class DatabaseKeyRepository(IDbConnectionFactory connections, TimeProvider clock) : IXmlRepository
{
    private const string Select = "SELECT xml FROM identity_data_protection_key ORDER BY created_at, name";

    private const string Insert = "INSERT INTO identity_data_protection_key (name, xml, created_at) VALUES (@Name, @Xml, @CreatedAt)";

    // The interface is synchronous; it is called when the key ring is loaded or a key is created, not per request.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = connections.CreateUnshared();
        return [.. db.Query<string>(Select).Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = connections.CreateUnshared();
        db.Execute(Insert, new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = clock.GetUtcNow() });
    }
}
