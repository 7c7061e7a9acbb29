using System.Runtime.CompilerServices;

// Who may use Oxyde.Query's internal types: its consumers (Driver renders through SqlRenderer,
// Migrate renders migration DDL through DdlGenerator, Native hosts them) and the tests. This grants
// access in the allowed direction only; Query itself
// references nothing but Oxyde.Codec (dependency rule, DESIGN §1).
[assembly: InternalsVisibleTo("Oxyde.Driver")]
[assembly: InternalsVisibleTo("Oxyde.Native")]
[assembly: InternalsVisibleTo("Oxyde.Migrate")]
[assembly: InternalsVisibleTo("Oxyde.Migrate.Tests")]
[assembly: InternalsVisibleTo("Oxyde.Driver.Tests")]
[assembly: InternalsVisibleTo("Oxyde.Query.Tests")]
[assembly: InternalsVisibleTo("Oxyde.Driver.Tests")]
