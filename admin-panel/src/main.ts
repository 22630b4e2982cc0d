// The admin panel's entry point (index.html): defines the elements; <pix-admin-app> does the rest.
import './app/pix-admin-app.js';
