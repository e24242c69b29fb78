global using Ecommerce.IntegrationTests.Infrastructure;
