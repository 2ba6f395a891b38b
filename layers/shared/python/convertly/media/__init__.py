"""Media: the tenant's library of files (images, PDFs, office documents, text), kept in the uploads
bucket under the tenant's prefix; email templates attach them."""
