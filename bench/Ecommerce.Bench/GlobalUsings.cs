global using Ecommerce.Testing;
