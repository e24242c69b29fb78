global using Ecommerce.IntegrationTests.Infrastructure;
global using Ecommerce.Testing;
