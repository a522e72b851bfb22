console.log('complaints-by-product: to be written');
