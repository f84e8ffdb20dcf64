"""newsline.export."""
